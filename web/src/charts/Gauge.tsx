import type { Label } from '../api/types';

/** A half-circle gauge for a 0..1 value. */
export function Gauge({ label, value, hue }: { label: string; value: number | undefined; hue: number }) {
  const known = value !== undefined && Number.isFinite(value);
  const v = known ? Math.max(0, Math.min(1, value)) : 0;
  const r = 40;
  const len = Math.PI * r;
  return (
    <figure className="gauge">
      <svg viewBox="0 0 100 60" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={known ? Math.round(v * 100) : undefined}>
        <path d="M10 52 A40 40 0 0 1 90 52" className="gauge-track" />
        <path d="M10 52 A40 40 0 0 1 90 52" className="gauge-fill" stroke={`hsl(${hue} 90% 60%)`} strokeDasharray={`${len * v} ${len}`} />
        <text x="50" y="48" textAnchor="middle" className="gauge-value">{known ? Math.round(v * 100) : '–'}</text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function ConfidenceList({ title, labels }: { title: string; labels: Label[] | null | undefined }) {
  const sorted = [...(labels ?? [])].sort((a, b) => b.confidence - a.confidence).slice(0, 6);
  return (
    <div>
      <h3>{title}</h3>
      {sorted.length === 0 ? (
        <p className="muted small">None detected.</p>
      ) : (
        <ul className="confidences">
          {sorted.map((l) => (
            <li key={l.name}>
              <span className="bar-label">{l.name}</span>
              <span className="bar-track" role="meter" aria-label={`${l.name} confidence`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(l.confidence * 100)}>
                <span className="bar-fill" style={{ width: `${Math.round(l.confidence * 100)}%` }} />
              </span>
              <span className="bar-value">{Math.round(l.confidence * 100)}%</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
