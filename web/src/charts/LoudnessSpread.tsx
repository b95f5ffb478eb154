import { quantile } from './stats';

/** Integrated loudness of every track as dots on one axis, with the quartiles as a box. */
export function LoudnessSpread({ values }: { values: number[] }) {
  const v = values.filter((x) => Number.isFinite(x) && x > -70).sort((a, b) => a - b);
  const w = 320;
  const h = 110;
  const lo = -30;
  const hi = -4;
  const x = (lufs: number) => 12 + ((Math.min(hi, Math.max(lo, lufs)) - lo) / (hi - lo)) * (w - 24);
  const q1 = quantile(v, 0.25);
  const med = quantile(v, 0.5);
  const q3 = quantile(v, 0.75);
  const label = v.length
    ? `Loudness spread: median ${med.toFixed(1)} LUFS, middle half ${q1.toFixed(1)} to ${q3.toFixed(1)} LUFS, ${v.length} tracks`
    : 'Loudness spread: no tracks analysed yet';
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
        <line x1={12} x2={w - 12} y1={70} y2={70} className="gridline" />
        {[-30, -24, -18, -14, -9, -4].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={66} y2={74} className="gridline" />
            <text x={x(t)} y={90} className="axis" textAnchor="middle">{t}</text>
          </g>
        ))}
        {v.length > 0 && (
          <>
            <rect x={x(q1)} y={24} width={Math.max(2, x(q3) - x(q1))} height={32} rx="4" className="box" />
            <line x1={x(med)} x2={x(med)} y1={20} y2={60} stroke="var(--magenta)" strokeWidth="2.5" />
          </>
        )}
        {v.map((lufs, i) => (
          <circle key={i} cx={x(lufs)} cy={40 + ((i * 7) % 13) - 6} r="3" className="dot" />
        ))}
        <text x={w / 2} y={106} className="axis" textAnchor="middle">LUFS (streaming targets around −14)</text>
      </svg>
    </figure>
  );
}
