import { useEffect, useState } from 'react';
import { getReanalysis, startReanalysis } from '../api/tracks';
import { ApiError, describeError } from '../api/client';
import type { Reanalysis } from '../api/types';
import { useLiveEvents } from '../live/LiveContext';
import { DEFAULT_FILTERS, isFiltered, toSearchParams, type LibraryFilters } from './filters';

type Progress = Pick<Reanalysis, 'batchId' | 'total' | 'done' | 'failed'>;

/**
 * "Analyse again": every analysed track of the filtered view (or the library) analysed again in the background, after a
 * model or engine update. New uploads go first on the server; the progress comes live (`reanalysisProgress`).
 */
export function BulkReanalysis({ filters }: { filters: LibraryFilters }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getReanalysis(controller.signal).then(
      (current) => setProgress(typeof current?.total === 'number' ? current : null),
      () => { /* no progress to show: the button still works */ },
    );
    return () => controller.abort();
  }, []);

  useLiveEvents((n) => {
    if (n.type !== 'reanalysisProgress' || !n.data) return;
    const data = n.data as Progress;
    // The same batch never goes back: a late, smaller count is ignored.
    setProgress((current) => (current?.batchId === data.batchId && current.done > data.done ? current : data));
  });

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setProgress(await startReanalysis(toSearchParams({ ...filters, sort: DEFAULT_FILTERS.sort, page: 1 })));
      setConfirming(false);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 400 ? 'No analysed track matches this view: there is nothing to analyse again.' : describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const running = progress !== null && progress.done < progress.total;
  const scope = isFiltered(filters) ? 'the tracks of this view' : 'your whole library';
  return (
    <div className="bulk-reanalysis" role="region" aria-label="Analyse again">
      {!confirming && !running && (
        <button type="button" className="button ghost" onClick={() => setConfirming(true)}>Analyse again…</button>
      )}
      {confirming && !running && (
        <div className="row">
          <span className="small">Analyse {scope} again with the current engine and models? Your corrections stay; new uploads go first.</span>
          <button type="button" className="button primary small" disabled={busy} onClick={() => void start()}>Start</button>
          <button type="button" className="button ghost small" onClick={() => { setConfirming(false); setError(undefined); }}>Cancel</button>
        </div>
      )}
      {progress && (
        <div className="row small" aria-live="polite">
          <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label="Re-analysis progress" />
          <span>
            {running ? `Analysing again: ${progress.done} of ${progress.total} done` : `Analysed again: ${progress.total} track${progress.total === 1 ? '' : 's'}`}
            {progress.failed > 0 && `, ${progress.failed} failed`}
          </span>
        </div>
      )}
      {error && <span className="track-error small" role="alert">{error}</span>}
    </div>
  );
}
