import type { Track } from '../api/types';
import { topLabel } from '../lib/format';

export interface Bin {
  from: number;
  to: number;
  count: number;
}

export function histogram(values: number[], from: number, to: number, width: number): Bin[] {
  const bins: Bin[] = [];
  for (let start = from; start < to; start += width) bins.push({ from: start, to: start + width, count: 0 });
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const index = Math.min(bins.length - 1, Math.max(0, Math.floor((v - from) / width)));
    bins[index].count++;
  }
  return bins;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** How many tracks have each top label (the most confident genre, say), most frequent first. */
export function labelCounts(tracks: Track[], pick: (t: Track) => { label: string; confidence: number }[] | undefined): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of tracks) {
    const label = topLabel(pick(t));
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function camelotCounts(tracks: Track[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tracks) {
    const code = t.analysis?.camelot?.toUpperCase();
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** A hue for a Camelot code: neighbours on the wheel get neighbouring colours. */
export function camelotHue(code: string): number {
  const n = parseInt(code, 10);
  return Number.isFinite(n) ? ((n - 1) * 30 + 200) % 360 : 0;
}

/** A stable hue for any label. */
export function labelHue(label: string): number {
  let h = 0;
  for (const c of label) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 360;
}
