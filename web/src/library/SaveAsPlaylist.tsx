import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { createPlaylist } from '../api/playlists';
import { ApiError, describeError } from '../api/client';
import { toPlaylistFilter, type LibraryFilters } from './filters';

/**
 * "Save as playlist": the library's current filter and sort as a smart playlist, named in a small inline form. A name
 * the user already has is refused by the server (409) and said next to the field.
 */
export function SaveAsPlaylist({ filters }: { filters: LibraryFilters }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const id = useId();

  if (!open) {
    return <button type="button" className="button ghost" onClick={() => setOpen(true)}>Save as playlist</button>;
  }

  const save = async () => {
    if (!name.trim()) {
      setError('Give the playlist a name.');
      return;
    }
    setBusy(true);
    try {
      const playlist = await createPlaylist(name.trim(), toPlaylistFilter(filters), filters.sort === '-createdAt' ? undefined : filters.sort);
      navigate(`/playlists/${playlist.id}`);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? `You already have a playlist named "${name.trim()}".` : describeError(e));
      setBusy(false);
    }
  };

  return (
    <form className="row save-playlist" aria-label="Save as playlist" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label htmlFor={id} className="muted small">Playlist name</label>
      <input id={id} type="text" value={name} maxLength={100} autoFocus onChange={(e) => { setName(e.target.value); setError(undefined); }} />
      <button type="submit" className="button primary small" disabled={busy}>Save</button>
      <button type="button" className="button ghost small" onClick={() => { setOpen(false); setError(undefined); }}>Cancel</button>
      {error && <span className="track-error small" role="alert">{error}</span>}
    </form>
  );
}
