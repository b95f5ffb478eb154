import type { AnalysisSummary, Label } from '../api/types';

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '–';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function formatNumber(value: number | undefined | null, digits = 1, unit = ''): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–';
  return `${value.toFixed(digits)}${unit ? `\u00a0${unit}` : ''}`;
}

/**
 * A tempo, or "–" when there is none: absent, null (the analysis found no beat) and 0 all mean "no tempo", never
 * "0.0 BPM". `unit: false` for a column already headed BPM.
 */
export function formatTempo(bpm: number | undefined | null, digits = 1, unit = true): string {
  if (!hasTempo(bpm)) return '–';
  return `${bpm.toFixed(digits)}${unit ? ' BPM' : ''}`;
}

export function hasTempo(bpm: number | undefined | null): bpm is number {
  return bpm !== undefined && bpm !== null && Number.isFinite(bpm) && bpm > 0;
}

export function formatPercent(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–';
  return `${Math.round(value * 100)}%`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : dateFormat.format(date);
}

export function topLabel(labels: Label[] | null | undefined): string | undefined {
  if (!labels || labels.length === 0) return undefined;
  return [...labels].sort((a, b) => b.confidence - a.confidence)[0].name;
}

/** "or 240 · 62% sure", "uncertain: 120 or 240 BPM", or why there is no tempo. */
export function tempoHint(a: AnalysisSummary): string | undefined {
  if (!hasTempo(a.tempoBpm)) return a.tempoMissingReason ?? 'no steady beat found';
  const sure = `${Math.round((a.tempoConfidence ?? 0) * 100)}% sure`;
  if (!hasTempo(a.tempoAlternativeBpm)) return sure;
  if (a.tempoAmbiguous) {
    const [low, high] = [a.tempoBpm!, a.tempoAlternativeBpm!].sort((x, y) => x - y);
    return `uncertain: ${formatNumber(low, 0)} or ${formatNumber(high, 0)} BPM`;
  }
  return `or ${formatNumber(a.tempoAlternativeBpm, 0)} · ${sure}`;
}
