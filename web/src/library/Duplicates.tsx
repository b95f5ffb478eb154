import { Link } from 'react-router-dom';
import { describeError } from '../api/client';
import { getDuplicates } from '../api/tracks';
import type { DuplicateGroup, DuplicateTrack, Track } from '../api/types';
import { useRefreshOnTrackEvents } from '../live/LiveContext';
import { formatBytes, formatDate, formatDuration } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { SkeletonRows } from '../ui/Skeleton';

/** "44.1 kHz · 1411 kbps": what tells the copies of one recording apart, as far as the files declare it. */
export function describeEncoding(track: Pick<DuplicateTrack, 'format' | 'sampleRate' | 'bitRate'>): string {
  return [
    track.format.toUpperCase(),
    track.sampleRate ? `${(track.sampleRate / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} kHz` : undefined,
    track.bitRate ? `${Math.round(track.bitRate / 1000)} kbps` : undefined,
  ].filter(Boolean).join(' · ');
}

/** The groups of one recording in several files, each oldest upload first (the one the user had first). */
export function DuplicateGroupsList({ groups }: { groups: DuplicateGroup[] }) {
  return (
    <ul className="duplicate-groups">
      {groups.map((group) => (
        <li key={group.tracks[0]?.id} className="panel glass duplicate-group">
          <h2>{group.tracks[0]?.title || group.tracks[0]?.fileName} <span className="chip">{group.tracks.length} copies</span></h2>
          <ul className="track-list">
            {group.tracks.map((t, i) => (
              <li key={t.id} className="track-row panel">
                <div className="track-main">
                  <Link to={`/tracks/${t.id}`} className="track-title">{t.fileName}</Link>
                  <span className="muted small">{describeEncoding(t)}</span>
                </div>
                <dl className="track-facts">
                  <div><dt>Length</dt><dd>{formatDuration(t.durationSeconds)}</dd></div>
                  <div><dt>Size</dt><dd>{formatBytes(t.sizeBytes)}</dd></div>
                  <div><dt>Uploaded</dt><dd>{formatDate(t.createdAt)}</dd></div>
                </dl>
                <div className="track-end">{i === 0 ? <span className="chip">First upload</span> : <span className="chip">Copy</span>}</div>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

const REFRESH_ON = ['analysisCompleted', 'trackDeleted'] as const;

/** The library's Duplicates view: the same recording held in different files or encodings. */
export function DuplicatesPage() {
  useTitle('Duplicates');
  const version = useRefreshOnTrackEvents(REFRESH_ON);
  const state = useAsync((signal) => getDuplicates(signal), [version]);

  let body;
  if (state.status === 'error' && !state.data) {
    body = <p className="panel notice" role="alert">The duplicates could not be loaded: {describeError(state.error)}</p>;
  } else if (!state.data) {
    body = <SkeletonRows rows={3} label="Loading duplicates" />;
  } else if (state.data.length === 0) {
    body = (
      <div className="panel empty">
        <h2>No duplicates</h2>
        <p className="muted">No recording is in your library twice. Copies are found by their audio, whatever the file's name or format.</p>
      </div>
    );
  } else {
    body = <DuplicateGroupsList groups={state.data} />;
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow"><Link to="/library">Library</Link> /</p>
          <h1>Duplicates</h1>
          <p className="muted">The same recording in more than one file or encoding, found by its audio fingerprint.</p>
        </div>
      </div>
      {body}
    </div>
  );
}

/**
 * On the track page: the user's other files of this recording, and when one was uploaded first, that this upload
 * repeats audio the user already had (it is kept all the same).
 */
export function SameRecordingPanel({ track }: { track: Pick<Track, 'sameRecordingAs' | 'alreadyInLibrary' | 'createdAt'> }) {
  const others = track.sameRecordingAs ?? [];
  if (others.length === 0) return null;
  const earlier = others.filter((o) => Date.parse(o.createdAt) <= Date.parse(track.createdAt));
  return (
    <section className="panel glass" aria-labelledby="same-recording-title">
      <h2 id="same-recording-title">Same recording</h2>
      {track.alreadyInLibrary && earlier.length > 0 && (
        <p role="status">
          You already have this recording:{' '}
          {earlier.map((o, i) => (
            <span key={o.id}>{i > 0 && ', '}<Link to={`/tracks/${o.id}`}>{o.title || o.fileName}</Link></span>
          ))}
        </p>
      )}
      <ul className="similar" aria-label="Same recording as">
        {others.map((o) => (
          <li key={o.id}>
            <Link to={`/tracks/${o.id}`} className="similar-row">
              <span className="recent-title">{o.title || o.fileName}</span>
              <span className="muted small">{o.fileName} · {o.format.toUpperCase()}</span>
              <span className="chip">{Math.floor(o.similarity * 100)}% the same audio</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="muted small"><Link to="/library/duplicates">All duplicates in your library</Link></p>
    </section>
  );
}
