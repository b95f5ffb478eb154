import type { HistogramBin, Spread } from '../api/types';

/**
 * Integrated loudness of the analysed tracks on one axis: the quartiles as a box, the median as a line, and how many
 * tracks sit at each LU as a strip of bars (the server's bins, so a library of any size draws the same few shapes).
 */
export function LoudnessSpread({ spread, bins }: { spread: Spread | null | undefined; bins: HistogramBin[] }) {
  const w = 320;
  const h = 110;
  const lo = -30;
  const hi = -4;
  const x = (lufs: number) => 12 + ((Math.min(hi, Math.max(lo, lufs)) - lo) / (hi - lo)) * (w - 24);
  const label = spread
    ? `Loudness spread: median ${spread.median.toFixed(1)} LUFS, middle half ${spread.q1.toFixed(1)} to ${spread.q3.toFixed(1)} LUFS, ${spread.count} tracks`
    : 'Loudness spread: no tracks analysed yet';
  const most = Math.max(1, ...bins.map((b) => b.count));
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
        {spread && (
          <>
            <rect x={x(spread.q1)} y={24} width={Math.max(2, x(spread.q3) - x(spread.q1))} height={32} rx="4" className="box" />
            <line x1={x(spread.median)} x2={x(spread.median)} y1={20} y2={60} stroke="var(--magenta)" strokeWidth="2.5" />
          </>
        )}
        {bins.filter((b) => b.count > 0).map((b) => {
          const height = (18 * b.count) / most;
          return <rect key={b.from} x={x(b.from) + 1} y={64 - height} width={Math.max(1, x(b.to) - x(b.from) - 2)} height={height} className="dot" />;
        })}
        <text x={w / 2} y={106} className="axis" textAnchor="middle">LUFS (streaming targets around −14)</text>
      </svg>
    </figure>
  );
}
