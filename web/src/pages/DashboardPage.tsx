import { Link } from 'react-router-dom';
import { listAllTracks } from '../api/tracks';
import { describeError } from '../api/client';
import type { Track } from '../api/types';
import { useLiveTracks, useRefreshOnTrackEvents } from '../live/LiveContext';
import { formatBytes, formatDate, formatDuration, hasTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { SkeletonPanel } from '../ui/Skeleton';
import { StatusBadge } from '../ui/StatusBadge';
import { TempoHistogram } from '../charts/TempoHistogram';
import { KeyWheel } from '../charts/KeyWheel';
import { Distribution } from '../charts/Distribution';
import { LoudnessSpread } from '../charts/LoudnessSpread';
import { camelotCounts, labelCounts } from '../charts/stats';
import { useTitle } from '../lib/useTitle';

function Totals({ tracks, totalCount }: { tracks: Track[]; totalCount: number }) {
  const analysed = tracks.filter((t) => t.status === 'analyzed');
  const inProgress = tracks.filter((t) => t.status === 'uploaded' || t.status === 'analyzing').length;
  const failed = tracks.filter((t) => t.status === 'failed').length;
  const seconds = analysed.reduce((sum, t) => sum + (t.analysis?.durationSeconds ?? 0), 0);
  const bytes = tracks.reduce((sum, t) => sum + t.sizeBytes, 0);
  const stats = [
    { label: 'Tracks', value: String(totalCount) },
    { label: 'Analysed', value: String(analysed.length) },
    { label: 'In progress', value: String(inProgress) },
    { label: 'Failed', value: String(failed) },
    { label: 'Total length', value: formatDuration(seconds) },
    { label: 'Stored', value: formatBytes(bytes) },
  ];
  return (
    <dl className="stats">
      {stats.map((s) => (
        <div key={s.label} className="stat panel glass">
          <dt className="muted">{s.label}</dt>
          <dd>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Recent({ tracks }: { tracks: Track[] }) {
  const live = useLiveTracks();
  const recent = tracks.slice(0, 6);
  if (recent.length === 0) {
    return (
      <div className="empty">
        <p className="muted">No tracks yet.</p>
        <Link className="button primary" to="/upload">Upload your first tracks</Link>
      </div>
    );
  }
  return (
    <ul className="recent">
      {recent.map((t) => (
        <li key={t.id}>
          <Link to={`/tracks/${t.id}`} className="recent-row">
            <span className="recent-title">{t.title || t.fileName}</span>
            <span className="muted small">{formatDate(t.createdAt)}</span>
            <StatusBadge status={t.status} live={live.get(t.id)} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function DashboardPage() {
  useTitle('Dashboard');
  const version = useRefreshOnTrackEvents();
  const state = useAsync((signal) => listAllTracks(signal), [version]);

  if (state.status === 'error' && !state.data) {
    return (
      <section className="panel" role="alert">
        <h1>Dashboard</h1>
        <p>Your library could not be loaded: {describeError(state.error)}</p>
      </section>
    );
  }
  if (!state.data) {
    return (
      <div className="page">
        <h1>Dashboard</h1>
        <div className="grid two">
          <SkeletonPanel label="Loading totals" height="6rem" />
          <SkeletonPanel label="Loading recent uploads" />
          <SkeletonPanel label="Loading charts" />
          <SkeletonPanel label="Loading charts" />
        </div>
      </div>
    );
  }

  const { tracks, totalCount } = state.data;
  const analysed = tracks.filter((t) => t.status === 'analyzed' && t.analysis);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Dashboard</h1>
        <Link className="button primary" to="/upload">Upload tracks</Link>
      </div>
      <Totals tracks={tracks} totalCount={totalCount} />
      {totalCount > tracks.length && (
        <p className="muted small">Charts cover your {tracks.length} most recent tracks.</p>
      )}
      <div className="grid two">
        <section className="panel glass" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent uploads</h2>
          <Recent tracks={tracks} />
        </section>
        <section className="panel glass" aria-labelledby="tempo-title">
          <h2 id="tempo-title">Tempo</h2>
          <TempoHistogram tempos={analysed.map((t) => t.analysis!.tempoBpm).filter(hasTempo)} />
        </section>
        <section className="panel glass" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys</h2>
          <KeyWheel counts={camelotCounts(analysed)} />
        </section>
        <section className="panel glass" aria-labelledby="loudness-title">
          <h2 id="loudness-title">Loudness spread</h2>
          <LoudnessSpread values={analysed.map((t) => t.analysis!.loudnessLufs ?? NaN)} />
        </section>
        <section className="panel glass" aria-labelledby="genres-title">
          <h2 id="genres-title">Genres</h2>
          <Distribution rows={labelCounts(analysed, (t) => t.analysis?.genres)} filter="genre" emptyText="No genres detected yet." />
        </section>
        <section className="panel glass" aria-labelledby="moods-title">
          <h2 id="moods-title">Moods</h2>
          <Distribution rows={labelCounts(analysed, (t) => t.analysis?.moods)} filter="mood" emptyText="No moods detected yet." />
        </section>
      </div>
    </div>
  );
}
