import { CSV_TYPE, M3U_TYPE, download, toCsv, toM3u, type PlaylistRow } from './playlist';

/** "Export M3U" and "Export CSV" for a list of tracks; the file names start with `name`. */
export function ExportButtons({ name, rows }: { name: string; rows: PlaylistRow[] }) {
  const safe = name.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '') || 'playlist';
  return (
    <div className="row">
      <button type="button" className="button small" disabled={rows.length === 0} onClick={() => download(`${safe}.m3u`, toM3u(rows), M3U_TYPE)}>
        Export M3U
      </button>
      <button type="button" className="button small" disabled={rows.length === 0} onClick={() => download(`${safe}.csv`, toCsv(rows), CSV_TYPE)}>
        Export CSV
      </button>
    </div>
  );
}
