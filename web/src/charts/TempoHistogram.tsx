import type { HistogramBin } from '../api/types';

/** The server's tempo bins (GET /api/v1/library/stats): 10 BPM from 60 to 200, tempos beyond counted at the edges. */
export function TempoHistogram({ bins }: { bins: HistogramBin[] }) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const w = 320;
  const h = 160;
  const pad = { l: 28, b: 22, t: 8, r: 4 };
  const bw = (w - pad.l - pad.r) / bins.length;
  // Counts are whole: a middle gridline only where it falls on a whole count (else 1 read "0, 1, 1").
  const ticks = max % 2 === 0 ? [0, 0.5, 1] : [0, 1];
  const summary = bins.filter((b) => b.count > 0).map((b) => `${b.from}–${b.to} BPM: ${b.count}`).join(', ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Tempo histogram. ${summary || 'No tempos yet.'}`}>
        <defs>
          <linearGradient id="tempo-g" x1="0" y1="1" x2="0" y2="0">
            <stop offset="0" stopColor="var(--primary)" />
            <stop offset="1" stopColor="var(--cyan)" />
          </linearGradient>
        </defs>
        {ticks.map((f) => (
          <g key={f}>
            <line x1={pad.l} x2={w - pad.r} y1={pad.t + (h - pad.t - pad.b) * (1 - f)} y2={pad.t + (h - pad.t - pad.b) * (1 - f)} className="gridline" />
            <text x={pad.l - 4} y={pad.t + (h - pad.t - pad.b) * (1 - f) + 3} className="axis" textAnchor="end">{Math.round(max * f)}</text>
          </g>
        ))}
        {bins.map((b, i) => {
          const bh = ((h - pad.t - pad.b) * b.count) / max;
          return (
            <g key={b.from}>
              <rect x={pad.l + i * bw + 1.5} y={h - pad.b - bh} width={bw - 3} height={bh} rx="2" fill="url(#tempo-g)">
                <title>{`${b.from}–${b.to} BPM: ${b.count}`}</title>
              </rect>
              {i % 2 === 0 && <text x={pad.l + i * bw + bw / 2} y={h - 6} className="axis" textAnchor="middle">{b.from}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">BPM, 10 BPM bins (tempos outside 60–200 counted at the edges)</figcaption>
    </figure>
  );
}
