import { useId, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../api/client';
import { orderSet } from '../api/mixing';
import type { SetStep, SetTransition } from '../api/types';
import { camelotHue } from '../charts/stats';
import { formatPercent, formatTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { EnergyCurve } from '../mixing/EnergyCurve';
import { ExportButtons } from '../mixing/ExportButtons';
import { TOLERANCES } from '../mixing/NextTracksPanel';
import { SHAPES, parseShape, resolveSetTracks, type EnergyShape } from '../mixing/setSource';
import { SkeletonPanel } from '../ui/Skeleton';

/** How a step follows the one before, in a word: smooth (keys and tempo mix), an energy boost, or rough. */
export function transitionQuality(t: SetTransition): { label: string; className: string } {
  if (!t.compatible) return { label: 'Rough', className: 'quality-rough' };
  if (t.keyTransition === 'energyBoost') return { label: 'Boost', className: 'quality-boost' };
  return { label: 'Smooth', className: 'quality-smooth' };
}

function CamelotChip({ code }: { code?: string | null }) {
  if (!code) return <span className="chip camelot">–</span>;
  return <span className="chip camelot" style={{ borderColor: `hsl(${camelotHue(code)} 85% 60%)`, color: `hsl(${camelotHue(code)} 90% 75%)` }}>{code}</span>;
}

function StepRow({ step, index }: { step: SetStep; index: number }) {
  const a = step.track.analysis;
  const t = step.transition;
  const quality = t ? transitionQuality(t) : null;
  return (
    <li className="set-step">
      {t && quality && (
        <div className={`set-transition ${quality.className}`}>
          <span className="quality">{quality.label}</span>
          <span className="small">{t.reason}</span>
        </div>
      )}
      <div className="set-track panel">
        <span className="set-position" aria-hidden="true">{index + 1}</span>
        <Link to={`/tracks/${step.track.id}`} className="track-title">{step.track.title || step.track.fileName}</Link>
        <CamelotChip code={a?.camelot} />
        <span className="set-fact"><span className="muted small">BPM </span>{formatTempo(a?.tempoBpm, 1, false)}</span>
        <span className="set-fact"><span className="muted small">Energy </span>{formatPercent(a?.energy)}</span>
      </div>
    </li>
  );
}

/**
 * A selection or a filter of the library ordered into a set (POST /api/v1/library/sets): the order with each track's
 * Camelot key, tempo and energy, the energy curve against the shape asked for, the quality of every transition, and
 * the set as an M3U or CSV file.
 */
export default function SetPage() {
  useTitle('Set');
  const [params, setParams] = useSearchParams();
  const shape = parseShape(params);
  const tolerance = Number(params.get('tolerance')) || 6;
  const shapeId = useId();
  const toleranceId = useId();
  const key = params.toString();
  const state = useAsync(async (signal) => {
    const trackIds = await resolveSetTracks(params, signal);
    if (trackIds.length < 2) return { trackIds, plan: null };
    return { trackIds, plan: await orderSet({ trackIds, shape, tolerance }, signal) };
  }, [key]);

  const change = (name: 'shape' | 'tolerance', value: string, byDefault: string) => {
    const next = new URLSearchParams(params);
    if (value === byDefault) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  let body: ReactNode;
  if (state.status === 'error' && !state.data) {
    body = <p className="panel notice" role="alert">The set could not be ordered: {describeError(state.error)}</p>;
  } else if (!state.data) {
    body = <SkeletonPanel label="Ordering the set" height="16rem" />;
  } else if (!state.data.plan) {
    body = (
      <div className="panel empty">
        <h2>A set needs two tracks or more</h2>
        <p className="muted">Select tracks in the library, or filter it, then choose “Build set”.</p>
        <Link to="/library" className="button primary">Back to the library</Link>
      </div>
    );
  } else {
    const { plan } = state.data;
    const rows = plan.steps.map((step) => ({
      track: step.track,
      extra: {
        transition: step.transition?.reason ?? '',
        quality: step.transition ? transitionQuality(step.transition).label.toLowerCase() : '',
      },
    }));
    body = (
      <>
        <section className="panel glass" aria-labelledby="curve-title">
          <div className="page-head">
            <h2 id="curve-title">Energy curve</h2>
            <p className="set-summary" aria-live="polite">
              <strong>{plan.compatibleTransitions}</strong> of {plan.transitions} transitions mix harmonically
            </p>
          </div>
          <EnergyCurve steps={plan.steps} />
        </section>
        <section className="panel glass" aria-labelledby="order-title">
          <div className="page-head">
            <h2 id="order-title">Order</h2>
            <ExportButtons name="set" rows={rows} />
          </div>
          <ol className="set-steps" aria-busy={state.status === 'loading'}>
            {plan.steps.map((step, i) => <StepRow key={step.track.id} step={step} index={i} />)}
          </ol>
        </section>
      </>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow"><Link to="/library">Library</Link> /</p>
          <h1>Harmonic set{state.data?.plan ? ` · ${state.data.plan.steps.length} tracks` : ''}</h1>
        </div>
        <form className="row" aria-label="Set options" onSubmit={(e) => e.preventDefault()}>
          <div className="field wide">
            <label htmlFor={shapeId}>Energy shape</label>
            <select id={shapeId} value={shape} onChange={(e) => change('shape', e.target.value as EnergyShape, 'arc')}>
              {SHAPES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
            </select>
          </div>
          <div className="field narrow">
            <label htmlFor={toleranceId}>Tempo range</label>
            <select id={toleranceId} value={tolerance} onChange={(e) => change('tolerance', e.target.value, '6')}>
              {TOLERANCES.map((t) => <option key={t} value={t}>±{t} %</option>)}
            </select>
          </div>
        </form>
      </div>
      {state.status === 'error' && state.data && <p className="notice" role="alert">Ordering again failed: {describeError(state.error)}</p>}
      {body}
    </div>
  );
}
