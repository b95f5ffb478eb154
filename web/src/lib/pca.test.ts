// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pca2d } from './pca';

describe('PCA to 2-D', () => {
  it('keeps two clusters apart along the first axis, whatever the scale of each column', () => {
    // Column 0 (BPM-like, large numbers) only carries noise; columns 1–2 (0..1) separate the groups.
    const a = [[120, 0.1, 0.2], [131, 0.12, 0.18], [109, 0.09, 0.21]];
    const b = [[118, 0.9, 0.8], [126, 0.88, 0.83], [112, 0.92, 0.79]];
    const points = pca2d([...a, ...b]);
    const xs = points.map((p) => p[0]);
    const sideA = Math.sign(xs[0]);
    expect(xs.slice(0, 3).every((x) => Math.sign(x) === sideA)).toBe(true);
    expect(xs.slice(3).every((x) => Math.sign(x) === -sideA)).toBe(true);
  });

  it('handles the degenerate cases: nothing, one track, constant columns', () => {
    expect(pca2d([])).toEqual([]);
    expect(pca2d([[1, 2, 3]])).toEqual([[0, 0]]);
    const flat = pca2d([[5, 5], [5, 5], [5, 5]]);
    expect(flat.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
  });
});
