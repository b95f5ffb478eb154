/**
 * Projects rows to 2-D with principal component analysis: columns standardised (z-scores, so BPM does
 * not drown out 0..1 features), then the two leading eigenvectors of the covariance matrix by power
 * iteration with deflation. Deterministic (fixed start vectors), O(n·d² ) for n rows of d columns.
 */
export function pca2d(rows: number[][], iterations = 100): [number, number][] {
  const n = rows.length;
  if (n === 0) return [];
  const d = rows[0].length;
  if (d === 0) return rows.map(() => [0, 0]);

  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / n;
  for (const r of rows) for (let j = 0; j < d; j++) std[j] += (r[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  const z = rows.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));

  const cov: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const r of z) {
    for (let i = 0; i < d; i++) {
      const ri = r[i];
      if (ri === 0) continue;
      const row = cov[i];
      for (let j = i; j < d; j++) row[j] += (ri * r[j]) / Math.max(1, n - 1);
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i][j] = cov[j][i];

  const components: number[][] = [];
  for (let c = 0; c < 2; c++) {
    let v = Array.from({ length: d }, (_, i) => 1 / Math.sqrt(d) + (i % (c + 2)) * 1e-3);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const next = cov.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      const norm = Math.hypot(...next);
      if (norm < 1e-12) break;
      v = next.map((x) => x / norm);
      lambda = norm;
    }
    components.push(v);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] -= lambda * v[i] * v[j];
  }

  return z.map((r) => [
    r.reduce((s, x, j) => s + x * components[0][j], 0),
    r.reduce((s, x, j) => s + x * components[1][j], 0),
  ]);
}

/** The fields used when a track has no embedding or feature vector. */
export const NUMERIC_FIELDS = [
  'tempoBpm', 'energy', 'danceability', 'valence', 'loudnessLufs', 'loudnessRangeLu', 'spectralCentroidHz',
  'spectralRolloffHz', 'spectralFlatness', 'zeroCrossingRate', 'onsetRate',
] as const;
