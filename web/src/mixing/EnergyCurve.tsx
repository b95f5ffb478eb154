import type { SetStep } from '../api/types';
import { camelotHue } from '../charts/stats';

/**
 * The set's energy from the first track to the last: each track's measured energy (dots in its key's colour, joined
 * by a line) over the energy the shape wanted at that place (dashed). Unknown energies leave a gap.
 */
export function EnergyCurve({ steps }: { steps: SetStep[] }) {
  const w = 1000;
  const h = 220;
  const pad = 28;
  const x = (i: number) => (steps.length <= 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (steps.length - 1));
  const y = (energy: number) => h - pad - energy * (h - 2 * pad);
  const path = (values: (number | null | undefined)[]) => {
    let d = '';
    let drawing = false;
    values.forEach((v, i) => {
      if (v == null || !Number.isFinite(v)) {
        drawing = false;
        return;
      }
      d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      drawing = true;
    });
    return d.trim();
  };
  const energies = steps.map((s) => s.track.analysis?.energy);
  const targets = steps.map((s) => s.targetEnergy);
  const described = energies.filter((e) => e != null).length;

  return (
    <figure className="energy-curve">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Energy through the set: ${described} of ${steps.length} tracks have a measured energy; the dashed line is the shape asked for`}>
        <defs>
          <linearGradient id="energy-line" x1="0" x2="1" y1="0" y2="0">
            <stop offset="0%" stopColor="hsl(220 90% 65%)" />
            <stop offset="60%" stopColor="hsl(320 85% 65%)" />
            <stop offset="100%" stopColor="hsl(180 95% 55%)" />
          </linearGradient>
        </defs>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={pad} x2={w - pad} y1={y(v)} y2={y(v)} className="curve-grid" />
            <text x={4} y={y(v) + 4} className="curve-axis">{Math.round(v * 100)}</text>
          </g>
        ))}
        <path d={path(targets)} className="curve-target" />
        <path d={path(energies)} className="curve-energy" stroke="url(#energy-line)" />
        {steps.map((s, i) => {
          const e = s.track.analysis?.energy;
          const code = s.track.analysis?.camelot;
          return e != null && Number.isFinite(e) ? (
            <circle key={s.track.id} cx={x(i)} cy={y(e)} r={7} className="curve-dot"
              fill={code ? `hsl(${camelotHue(code)} 85% ${code.endsWith('B') ? 65 : 55}%)` : 'hsl(220 10% 65%)'}>
              <title>{`${i + 1}. ${s.track.title || s.track.fileName}: energy ${Math.round(e * 100)}%${code ? `, ${code}` : ''}`}</title>
            </circle>
          ) : null;
        })}
      </svg>
      <figcaption className="muted small">Energy (0–100) from the first track to the last; dashed: the shape asked for.</figcaption>
    </figure>
  );
}
