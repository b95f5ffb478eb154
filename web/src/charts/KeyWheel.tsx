import { Link } from 'react-router-dom';

const MAJOR = ['B', 'F#', 'C#', 'G#', 'D#', 'A#', 'F', 'C', 'G', 'D', 'A', 'E'];
const MINOR = ['G#m', 'D#m', 'A#m', 'Fm', 'Cm', 'Gm', 'Dm', 'Am', 'Em', 'Bm', 'F#m', 'C#m'];

function arc(cx: number, cy: number, r0: number, r1: number, a0: number, a1: number): string {
  const p = (r: number, a: number) => `${cx + r * Math.sin(a)} ${cy - r * Math.cos(a)}`;
  return `M${p(r1, a0)} A${r1} ${r1} 0 0 1 ${p(r1, a1)} L${p(r0, a1)} A${r0} ${r0} 0 0 0 ${p(r0, a0)} Z`;
}

/**
 * The Camelot wheel: 1–12 clockwise from the top, major keys (B) outside, minor (A) inside; the
 * brighter a segment, the more tracks in that key. Each segment links to the library filtered by it.
 */
export function KeyWheel({ counts }: { counts: Map<string, number> }) {
  const max = Math.max(1, ...counts.values());
  const size = 240;
  const c = size / 2;
  const step = (Math.PI * 2) / 12;
  const rings: { suffix: 'A' | 'B'; r0: number; r1: number; names: string[] }[] = [
    { suffix: 'B', r0: 78, r1: 116, names: MAJOR },
    { suffix: 'A', r0: 42, r1: 78, names: MINOR },
  ];
  return (
    <figure className="chart key-wheel">
      <svg viewBox={`0 0 ${size} ${size}`} role="group" aria-label="Key wheel in Camelot layout">
        {rings.map((ring) =>
          Array.from({ length: 12 }, (_, i) => {
            const code = `${i + 1}${ring.suffix}`;
            const count = counts.get(code) ?? 0;
            const a0 = (i - 0.5) * step;
            const a1 = (i + 0.5) * step;
            const mid = i * step;
            const rm = (ring.r0 + ring.r1) / 2;
            const intensity = count / max;
            const hue = (i * 30 + 200) % 360;
            const label = `${code} (${ring.names[i]}): ${count} track${count === 1 ? '' : 's'}`;
            return (
              <Link key={code} to={`/library?camelot=${code}`} aria-label={label} className="wheel-seg">
                <path
                  d={arc(c, c, ring.r0 + 1, ring.r1 - 1, a0 + 0.012, a1 - 0.012)}
                  fill={count ? `hsl(${hue} 85% ${28 + intensity * 32}%)` : 'hsl(220 12% 16%)'}
                  stroke="hsl(220 15% 8%)"
                >
                  <title>{label}</title>
                </path>
                <text x={c + rm * Math.sin(mid)} y={c - rm * Math.cos(mid) + 4} textAnchor="middle" className="wheel-label">{code}</text>
              </Link>
            );
          }),
        )}
        <text x={c} y={c + 4} textAnchor="middle" className="axis">Camelot</text>
      </svg>
    </figure>
  );
}
