import { Link } from 'react-router-dom';
import { getStatistics, listTracks } from '../api/tracks';
import { describeError } from '../api/client';
import type { LibraryStatistics, TrackSummary } from '../api/types';
import { useLiveTracks, useRefreshOnTrackEvents } from '../live/LiveContext';
import { formatBytes, formatDate, formatDuration } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { SkeletonPanel } from '../ui/Skeleton';
import { StatusBadge } from '../ui/StatusBadge';
import { TempoHistogram } from '../charts/TempoHistogram';
import { KeyWheel } from '../charts/KeyWheel';
import { Distribution } from '../charts/Distribution';
import { LoudnessSpread } from '../charts/LoudnessSpread';
import { useTitle } from '../lib/useTitle';

function Totals({ statistics }: { statistics: LibraryStatistics }) {
  const { statuses } = statistics;
  const stats = [
    { label: 'Tracks', value: String(statistics.totalCount) },
    { label: 'Analysed', value: String(statuses.analyzed) },
    { label: 'In progress', value: String(statuses.uploaded + statuses.analyzing) },
    { label: 'Failed', value: String(statuses.failed) },
    { label: 'Total length', value: formatDuration(statistics.totalDurationSeconds) },
    { label: 'Stored', value: formatBytes(statistics.totalSizeBytes) },
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

function Recent({ recent }: { recent: TrackSummary[] }) {
  const live = useLiveTracks();
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
  // Two small answers however large the library: the server's statistics and the six newest rows.
  const state = useAsync(async (signal) => {
    const [statistics, recent] = await Promise.all([
      getStatistics('', signal),
      listTracks(new URLSearchParams({ page: '1', pageSize: '6', sort: '-createdAt' }), signal),
    ]);
    return { statistics, recent: recent.items };
  }, [version]);

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

  const { statistics, recent } = state.data;
  const keyCounts = new Map(statistics.keys.map((k) => [k.camelot, k.count]));
  const rows = (counts: { name: string; count: number }[]) => counts.map((c) => ({ label: c.name, count: c.count }));
  return (
    <div className="page">
      <div className="page-head">
        <h1>Dashboard</h1>
        <Link className="button primary" to="/upload">Upload tracks</Link>
      </div>
      <Totals statistics={statistics} />
      <div className="grid two">
        <section className="panel glass" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent uploads</h2>
          <Recent recent={recent} />
        </section>
        <section className="panel glass" aria-labelledby="tempo-title">
          <h2 id="tempo-title">Tempo</h2>
          <TempoHistogram bins={statistics.tempo} />
        </section>
        <section className="panel glass" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys</h2>
          <KeyWheel counts={keyCounts} />
        </section>
        <section className="panel glass" aria-labelledby="loudness-title">
          <h2 id="loudness-title">Loudness spread</h2>
          <LoudnessSpread spread={statistics.loudness} bins={statistics.loudnessHistogram} />
        </section>
        <section className="panel glass" aria-labelledby="genres-title">
          <h2 id="genres-title">Genres</h2>
          <Distribution rows={rows(statistics.genres)} filter="genre" emptyText="No genres detected yet." />
        </section>
        <section className="panel glass" aria-labelledby="moods-title">
          <h2 id="moods-title">Moods</h2>
          <Distribution rows={rows(statistics.moods)} filter="mood" emptyText="No moods detected yet." />
        </section>
      </div>
    </div>
  );
}
