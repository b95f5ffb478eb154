export function Skeleton({ width = '100%', height = '1rem', className = '' }: { width?: string; height?: string; className?: string }) {
  return <span className={`skeleton ${className}`} style={{ width, height }} aria-hidden="true" />;
}

export function SkeletonRows({ rows = 5, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton-rows" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height="2.75rem" />
      ))}
    </div>
  );
}

export function SkeletonPanel({ height = '12rem', label = 'Loading' }: { height?: string; label?: string }) {
  return (
    <div className="panel" role="status" aria-label={label}>
      <Skeleton width="40%" height="1.25rem" />
      <Skeleton height={height} className="mt" />
    </div>
  );
}
