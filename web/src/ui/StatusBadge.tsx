import type { TrackStatus } from '../api/types';
import type { LiveTrack } from '../live/liveTracks';
import { STAGE_LABELS } from '../live/liveTracks';

const LABELS: Record<TrackStatus | 'deleted', string> = {
  uploaded: 'Queued for analysis',
  analyzing: 'Analysing',
  analyzed: 'Analysed',
  failed: 'Failed',
  deleted: 'Deleted',
};

/** A track's status, the live one when events have arrived since the track was loaded. */
export function StatusBadge({ status, live }: { status: TrackStatus; live?: LiveTrack }) {
  const effective = live?.status ?? status;
  const detail = effective === 'analyzing' && live?.stage ? ` · ${STAGE_LABELS[live.stage] ?? live.stage}${live.percent !== undefined ? ` ${live.percent}%` : ''}` : '';
  return <span className={`badge badge-${effective}`}>{LABELS[effective]}{detail}</span>;
}

export function ProgressBar({ value, label, indeterminate = false }: { value: number; label: string; indeterminate?: boolean }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={`progress${indeterminate ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : pct}
    >
      <span style={{ width: indeterminate ? undefined : `${pct}%` }} />
    </div>
  );
}
