import { Link } from 'react-router-dom';
import { labelHue } from './stats';

/** Horizontal bars of label counts; each label links to the library filtered by it. */
export function Distribution({ rows, filter, limit = 8, emptyText }: { rows: { label: string; count: number }[]; filter: 'genre' | 'mood'; limit?: number; emptyText: string }) {
  if (rows.length === 0) return <p className="muted small">{emptyText}</p>;
  const shown = rows.slice(0, limit);
  const max = Math.max(...shown.map((r) => r.count));
  return (
    <ul className="bars">
      {shown.map((r) => (
        <li key={r.label}>
          <Link to={`/library?${filter}=${encodeURIComponent(r.label)}`} className="bar-row">
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(r.count / max) * 100}%`, background: `hsl(${labelHue(r.label)} 80% 62%)` }} />
            </span>
            <span className="bar-value">{r.count}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
