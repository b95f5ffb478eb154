import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { deletePlaylist, getPlaylist, listPlaylists, playlistTracks, renamePlaylist } from '../api/playlists';
import { ApiError, describeError } from '../api/client';
import type { Playlist, TrackSummary } from '../api/types';
import { ExportButtons } from '../mixing/ExportButtons';
import { formatDuration, formatNumber, formatTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { useRefreshOnTrackEvents } from '../live/LiveContext';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { SkeletonRows } from '../ui/Skeleton';

/** The most tracks the page loads and exports (ten of the API's largest pages). */
const MAX_TRACKS = 1000;

const FILTER_LABELS: Record<string, string> = {
  q: 'text', genre: 'genre', mood: 'mood', instrument: 'instrument', key: 'key', camelot: 'Camelot', camelotNeighbours: 'and neighbours',
  bpmMin: 'BPM from', bpmMax: 'BPM to', bpmHalfDouble: 'or half/double', energyMin: 'energy from', energyMax: 'energy to',
  loudnessMin: 'LUFS from', loudnessMax: 'LUFS to', status: 'status',
};

/** The saved filter in words, e.g. "genre house · BPM from 120 · or half/double". */
export function describeFilter(playlist: Pick<Playlist, 'filter'>): string {
  const parts = Object.entries(playlist.filter ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '')
    .map(([name, value]) => (value === true ? FILTER_LABELS[name] ?? name : `${FILTER_LABELS[name] ?? name} ${String(value)}`));
  return parts.length > 0 ? parts.join(' · ') : 'every track';
}

/** The library URL that shows the playlist's filter, to change it there and save again. */
function libraryUrl(playlist: Playlist): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(playlist.filter ?? {})) {
    if (value !== null && value !== undefined && value !== false && value !== '') params.set(name, String(value));
  }
  if (playlist.sort) params.set('sort', playlist.sort);
  const qs = params.toString();
  return qs ? `/library?${qs}` : '/library';
}

function PlaylistRow({ playlist, onChanged }: { playlist: Playlist; onChanged: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(playlist.name);
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const rename = async () => {
    try {
      await renamePlaylist(playlist.id, name.trim());
      setRenaming(false);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? `You already have a playlist named "${name.trim()}".` : describeError(e));
    }
  };

  return (
    <li className="track-row panel playlist-row">
      <div className="track-main">
        {renaming ? (
          <form className="row" aria-label={`Rename ${playlist.name}`} onSubmit={(e) => { e.preventDefault(); void rename(); }}>
            <input type="text" aria-label="New name" value={name} maxLength={100} autoFocus onChange={(e) => { setName(e.target.value); setError(undefined); }} />
            <button type="submit" className="button primary small" disabled={!name.trim()}>Save</button>
            <button type="button" className="button ghost small" onClick={() => { setRenaming(false); setName(playlist.name); setError(undefined); }}>Cancel</button>
          </form>
        ) : (
          <Link to={`/playlists/${playlist.id}`} className="track-title">{playlist.name}</Link>
        )}
        <span className="muted small">{describeFilter(playlist)}</span>
        {error && <span className="track-error small" role="alert">{error}</span>}
      </div>
      <dl className="track-facts">
        <div><dt>Tracks</dt><dd>{playlist.trackCount}</dd></div>
      </dl>
      <div className="track-end">
        <button type="button" className="button ghost small" onClick={() => setRenaming(true)} aria-label={`Rename ${playlist.name}`}>Rename</button>
        <button type="button" className="button ghost small" onClick={() => setConfirming(true)} aria-label={`Delete ${playlist.name}`}>Delete</button>
      </div>
      {confirming && (
        <ConfirmDialog title={`Delete "${playlist.name}"?`} confirmLabel="Delete playlist" onCancel={() => setConfirming(false)}
          onConfirm={() => void deletePlaylist(playlist.id).then(onChanged, (e: unknown) => setError(describeError(e))).finally(() => setConfirming(false))}>
          <p>The playlist goes; its tracks stay in your library.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** /playlists: the user's smart playlists with how many tracks each matches now. */
export function PlaylistsPage() {
  useTitle('Playlists');
  const version = useRefreshOnTrackEvents();
  const [changes, setChanges] = useState(0);
  const state = useAsync((signal) => listPlaylists(signal), [version, changes]);

  let body: ReactNode;
  if (state.status === 'error' && !state.data) {
    body = <p className="panel notice" role="alert">The playlists could not be loaded: {describeError(state.error)}</p>;
  } else if (!state.data) {
    body = <SkeletonRows rows={3} label="Loading playlists" />;
  } else if (state.data.length === 0) {
    body = (
      <div className="panel empty">
        <h2>No playlists yet</h2>
        <p className="muted">Filter the library (a BPM range, a key and its neighbours, a genre…) and choose "Save as playlist". It stays up to date as tracks arrive.</p>
        <Link to="/library" className="button primary">Go to the library</Link>
      </div>
    );
  } else {
    body = (
      <ul className="track-list" aria-label="Playlists">
        {state.data.map((p) => <PlaylistRow key={`${p.id}-${p.name}`} playlist={p} onChanged={() => setChanges((c) => c + 1)} />)}
      </ul>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Playlists</h1>
        <Link to="/library" className="button ghost">New from the library</Link>
      </div>
      {body}
    </div>
  );
}

async function allTracks(id: string, signal: AbortSignal): Promise<{ items: TrackSummary[]; total: number }> {
  const items: TrackSummary[] = [];
  for (let page = 1; items.length < MAX_TRACKS; page++) {
    const answer = await playlistTracks(id, page, 100, signal);
    items.push(...answer.items);
    if (answer.items.length < 100 || items.length >= answer.totalCount) return { items, total: answer.totalCount };
  }
  return { items, total: items.length };
}

/** /playlists/:id: the playlist's tracks as they are now, and its exports. */
export function PlaylistPage() {
  const { id = '' } = useParams();
  const version = useRefreshOnTrackEvents();
  const playlist = useAsync((signal) => getPlaylist(id, signal), [id, version]);
  const tracks = useAsync((signal) => allTracks(id, signal), [id, version]);
  useTitle(playlist.data?.name ?? 'Playlist');

  if (playlist.status === 'error' && !playlist.data) {
    const missing = playlist.error instanceof ApiError && playlist.error.status === 404;
    return (
      <div className="page">
        <p className="panel notice" role="alert">{missing ? 'No such playlist: it was deleted, or is not yours.' : describeError(playlist.error)}</p>
        <Link to="/playlists" className="button">All playlists</Link>
      </div>
    );
  }
  if (!playlist.data) return <SkeletonRows rows={6} label="Loading the playlist" />;
  const p = playlist.data;
  const rows = (tracks.data?.items ?? []).map((track) => ({ track }));

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{p.name}</h1>
          <p className="muted">{describeFilter(p)} · {p.trackCount} track{p.trackCount === 1 ? '' : 's'} now</p>
        </div>
        <div className="row">
          <Link to={libraryUrl(p)} className="button ghost">Open in library</Link>
          <Link to="/playlists" className="button ghost">All playlists</Link>
          <ExportButtons name={p.name} rows={rows} />
        </div>
      </div>
      {tracks.status === 'error' && <p className="notice" role="alert">The tracks could not be loaded: {describeError(tracks.error)}</p>}
      {!tracks.data ? <SkeletonRows rows={6} label="Loading tracks" /> : (
        <ol className="track-list" aria-label={`Tracks of ${p.name}`}>
          {tracks.data.items.map((t) => (
            <li key={t.id} className="track-row panel">
              <div className="track-main">
                <Link to={`/tracks/${t.id}`} className="track-title">{t.title || t.fileName}</Link>
                <span className="muted small">{t.artist ?? ''}</span>
              </div>
              <dl className="track-facts">
                <div><dt>BPM</dt><dd>{formatTempo(t.analysis?.tempoBpm, 0, false)}</dd></div>
                <div><dt>Key</dt><dd>{t.analysis?.camelot ?? '–'}</dd></div>
                <div><dt>LUFS</dt><dd>{formatNumber(t.analysis?.loudnessLufs, 1)}</dd></div>
                <div><dt>Length</dt><dd>{formatDuration(t.analysis?.durationSeconds)}</dd></div>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {tracks.data && tracks.data.total > tracks.data.items.length && (
        <p className="muted small">Showing and exporting the first {tracks.data.items.length} of {tracks.data.total} tracks.</p>
      )}
    </div>
  );
}

export default PlaylistsPage;
