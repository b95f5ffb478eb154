import { useState } from 'react';
import { createStreamLinks } from '../api/tracks';
import { describeError } from '../api/client';
import { useToast } from '../ui/Toasts';
import { CSV_TYPE, M3U_TYPE, download, toCsv, toM3u, type PlaylistRow } from './playlist';

/**
 * "Export M3U" and "Export CSV" for a list of tracks; the file names start with `name`. The M3U holds signed stream
 * links (asked of the server on the click, valid 24 hours), so a media player opens it without the session.
 */
export function ExportButtons({ name, rows }: { name: string; rows: PlaylistRow[] }) {
  const notify = useToast();
  const [signing, setSigning] = useState(false);
  const safe = name.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '') || 'playlist';
  const exportM3u = async () => {
    setSigning(true);
    try {
      const links = await createStreamLinks(rows.map((r) => r.track.id));
      download(`${safe}.m3u`, toM3u(rows, window.location.origin, links), M3U_TYPE);
    } catch (error) {
      notify(`The playlist's stream links could not be made: ${describeError(error)}`, 'error');
    } finally {
      setSigning(false);
    }
  };
  return (
    <div className="row">
      <button type="button" className="button small" disabled={rows.length === 0 || signing} onClick={() => void exportM3u()}>
        {signing ? 'Signing links…' : 'Export M3U'}
      </button>
      <button type="button" className="button small" disabled={rows.length === 0} onClick={() => download(`${safe}.csv`, toCsv(rows), CSV_TYPE)}>
        Export CSV
      </button>
    </div>
  );
}
