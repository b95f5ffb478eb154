import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, describeError } from '../api/client';
import { getInstantMix, getNextTracks } from '../api/mixing';
import type { NextTracksQuery } from '../api/types';
import { formatTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Skeleton } from '../ui/Skeleton';
import { ExportButtons } from './ExportButtons';

export type EnergyDirection = 'any' | 'up' | 'steady' | 'down';

const DIRECTIONS: { value: EnergyDirection; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: 'up', label: 'Up' },
  { value: 'steady', label: 'Steady' },
  { value: 'down', label: 'Down' },
];

/** The tempo tolerances offered (percent); the API takes 0.5 to 20, DJs think in these steps. */
export const TOLERANCES = [2, 4, 6, 8, 10, 16] as const;

/** A 409 is the track's own state (no key, no tempo, no embedding yet), said in the answer: not a failure. */
function Unavailable({ error, what }: { error: unknown; what: string }) {
  return error instanceof ApiError && error.status === 409
    ? <p className="muted">{error.message}</p>
    : <p className="muted">{what} could not be loaded: {describeError(error)}</p>;
}

/**
 * "What can I play next?": the user's tracks whose key and tempo mix with this one, in the energy direction asked
 * for, each with the reason in words ("8A → 9A, +1.8 % tempo, energy up").
 */
export function NextTracksPanel({ trackId, analyzedAt }: { trackId: string; analyzedAt?: string | null }) {
  const [tolerance, setTolerance] = useState(6);
  const [direction, setDirection] = useState<EnergyDirection>('any');
  const [energyBoost, setEnergyBoost] = useState(false);
  const toleranceId = useId();
  const options: NextTracksQuery = { tolerance, direction, energyBoost, limit: 12 };
  const next = useAsync((signal) => getNextTracks(trackId, options, signal), [trackId, analyzedAt, tolerance, direction, energyBoost]);

  let body: ReactNode;
  if (next.status === 'error') body = <Unavailable error={next.error} what="Next tracks" />;
  else if (!next.data) body = <Skeleton height="5rem" />;
  else if (next.data.length === 0) body = <p className="muted">No track of yours mixes with this one under these options. Try a wider tempo range or any energy.</p>;
  else {
    body = (
      <ol className="similar next-tracks" aria-busy={next.status === 'loading'}>
        {next.data.map(({ track, reason, keyTransition }) => (
          <li key={track.id}>
            <Link to={`/tracks/${track.id}`} className="similar-row">
              <span className="recent-title">{track.title || track.fileName}</span>
              <span className={`chip move-${keyTransition}`}>{track.analysis?.camelot ?? '–'} · {formatTempo(track.analysis?.tempoBpm, 1)}</span>
              <span className="muted small reason">{reason}</span>
            </Link>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section className="panel glass" aria-labelledby="next-title">
      <h2 id="next-title">Next tracks</h2>
      <form className="mix-options row" aria-label="Next track options" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={toleranceId} className="small">Tempo range</label>
        <select id={toleranceId} value={tolerance} onChange={(e) => setTolerance(Number(e.target.value))}>
          {TOLERANCES.map((t) => <option key={t} value={t}>±{t} %</option>)}
        </select>
        <span className="small" aria-hidden="true">Energy</span>
        <fieldset className="segmented">
          <legend className="visually-hidden">Energy</legend>
          {DIRECTIONS.map((d) => (
            <label key={d.value} className={direction === d.value ? 'on' : ''}>
              <input type="radio" name={`direction-${trackId}`} value={d.value} checked={direction === d.value} onChange={() => setDirection(d.value)}
                aria-label={d.value === 'any' ? 'Any energy' : `Energy ${d.label.toLowerCase()}`} />
              {d.label}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={energyBoost} onChange={(e) => setEnergyBoost(e.target.checked)} />
          Energy boost (+2)
        </label>
      </form>
      {body}
    </section>
  );
}

const MIX_SIZES = [10, 20, 40] as const;

/** An instant mix from this track, asked for only when the user wants one; exportable as M3U or CSV. */
export function InstantMixPanel({ trackId, title }: { trackId: string; title: string }) {
  const [count, setCount] = useState<number | null>(null);
  const countId = useId();
  const [wanted, setWanted] = useState<number>(20);
  const mix = useAsync((signal) => (count === null ? Promise.resolve(null) : getInstantMix(trackId, count, signal)), [trackId, count]);

  let body: ReactNode = null;
  if (count !== null) {
    if (mix.status === 'error') body = <Unavailable error={mix.error} what="The mix" />;
    else if (!mix.data) body = <Skeleton height="5rem" />;
    else if (mix.data.length === 0) body = <p className="muted">No other analysed track sounds like this one yet.</p>;
    else {
      const rows = mix.data.map((item) => ({ track: item.track, extra: { similarity: item.similarity.toFixed(3) } }));
      body = (
        <>
          <ol className="similar instant-mix">
            {mix.data.map(({ track, similarity }) => (
              <li key={track.id}>
                <Link to={`/tracks/${track.id}`} className="similar-row">
                  <span className="recent-title">{track.title || track.fileName}</span>
                  <span className="chip">{Math.round(Math.max(0, similarity) * 100)}% alike</span>
                  <span className="muted small">{[track.analysis?.camelot, formatTempo(track.analysis?.tempoBpm, 0)].filter((v) => v && v !== '–').join(' · ')}</span>
                </Link>
              </li>
            ))}
          </ol>
          <ExportButtons name={`mix-${title}`} rows={rows} />
        </>
      );
    }
  }

  return (
    <section className="panel glass" aria-labelledby="mix-title">
      <h2 id="mix-title">Instant mix</h2>
      <form className="mix-options row" onSubmit={(e) => { e.preventDefault(); setCount(wanted); }}>
        <label htmlFor={countId} className="small">Tracks</label>
        <select id={countId} value={wanted} onChange={(e) => setWanted(Number(e.target.value))}>
          {MIX_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <button type="submit" className="button small primary">Make a mix</button>
      </form>
      {body}
    </section>
  );
}
