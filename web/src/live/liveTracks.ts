import type { TrackStatus } from '../api/types';
import type { Notification } from './notifications';

/** What the live events say about one track, for progress bars and status badges. */
export interface LiveTrack {
  status: TrackStatus | 'deleted';
  stage?: string;
  percent?: number;
  error?: string;
  updatedSeq: number;
}

export const STAGE_LABELS: Record<string, string> = {
  decoding: 'Decoding',
  features: 'Measuring features',
  rhythm: 'Tempo and beats',
  tonal: 'Key and harmony',
  done: 'Finishing',
};

/** Folds one event into the per-track map; answers the same map when nothing changed. */
export function applyNotification(map: ReadonlyMap<string, LiveTrack>, n: Notification): ReadonlyMap<string, LiveTrack> {
  if (!n.trackId) return map;
  const previous = map.get(n.trackId);
  let next: LiveTrack | undefined;
  const data = n.data ?? {};
  switch (n.type) {
    case 'trackUploaded':
      next = { status: 'uploaded', updatedSeq: n.seq };
      break;
    case 'analysisStarted':
      next = { status: 'analyzing', stage: 'decoding', percent: 0, updatedSeq: n.seq };
      break;
    case 'analysisProgress':
      next = {
        status: 'analyzing',
        stage: typeof data.stage === 'string' ? data.stage : previous?.stage,
        percent: typeof data.percent === 'number' ? data.percent : previous?.percent,
        updatedSeq: n.seq,
      };
      break;
    case 'analysisCompleted':
      next = { status: 'analyzed', percent: 100, updatedSeq: n.seq };
      break;
    case 'analysisFailed':
      next = { status: 'failed', error: typeof data.reason === 'string' ? data.reason : 'The analysis failed.', updatedSeq: n.seq };
      break;
    case 'trackDeleted':
      next = { status: 'deleted', updatedSeq: n.seq };
      break;
    default:
      return map;
  }
  const copy = new Map(map);
  copy.set(n.trackId, next);
  return copy;
}
