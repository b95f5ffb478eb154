import type { CorrectedField, LearnedLabel, TrackCorrections } from '../api/types';
import { formatPercent } from '../lib/format';

/** The bounds the Library takes (CorrectionLimits): a tempo outside them is refused with a 400. */
export const MIN_TEMPO_BPM = 20;
export const MAX_TEMPO_BPM = 300;

/** The meters the Library takes. */
export const TIME_SIGNATURES = ['2/4', '3/4', '4/4', '5/4', '6/8', '7/8', '9/8', '12/8'] as const;

/** The models' labels, offered as suggestions; the Library takes any short name. */
export const GENRES = ['ambient', 'classical', 'drum-and-bass', 'hip-hop', 'house', 'jazz', 'latin', 'pop', 'reggae', 'rock', 'techno'];
export const MOODS = ['aggressive', 'calm', 'dark', 'energetic', 'happy', 'relaxed', 'sad', 'uplifting'];
export const INSTRUMENTS = ['bass', 'brass', 'drums', 'guitar', 'organ', 'percussion', 'piano', 'strings', 'synth'];

/** The key names the analysis gives, offered as suggestions (the Library also takes "F#m", "Bb" or "8A"). */
export const KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'].flatMap((tonic) => [`${tonic} major`, `${tonic} minor`]);

/** Rounded to two decimals, as the Library stores a corrected tempo. */
const round2 = (bpm: number) => Math.round(bpm * 100) / 100;

/** The tempo times `factor` (2 or ½), or null when the result would be outside what the Library takes. */
export function octave(bpm: number | null | undefined, factor: 2 | 0.5): number | null {
  if (bpm == null || !Number.isFinite(bpm) || bpm <= 0) return null;
  const next = round2(bpm * factor);
  return next >= MIN_TEMPO_BPM && next <= MAX_TEMPO_BPM ? next : null;
}

/** A typed tempo: a number within the bounds (a comma accepted as the decimal mark), else null. */
export function parseTempo(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= MIN_TEMPO_BPM && value <= MAX_TEMPO_BPM ? round2(value) : null;
}

/** A pause longer than this starts a new tapping (the old taps are another tempo). */
export const TAP_RESET_MS = 2000;

/** How many of the last taps the tempo is averaged over. */
export const TAP_WINDOW = 8;

/**
 * The taps kept after one more at `now` (milliseconds): the last {@link TAP_WINDOW}, or only this one after a pause
 * longer than {@link TAP_RESET_MS}.
 */
export function addTap(taps: readonly number[], now: number): number[] {
  const last = taps.at(-1);
  if (last !== undefined && now - last > TAP_RESET_MS) return [now];
  return [...taps, now].slice(-TAP_WINDOW);
}

/** The tempo of the taps: 60 000 over the mean interval between them, to one decimal; null before two taps. */
export function tapTempo(taps: readonly number[]): number | null {
  if (taps.length < 2) return null;
  const mean = (taps.at(-1)! - taps[0]) / (taps.length - 1);
  if (mean <= 0) return null;
  return Math.round((60000 / mean) * 10) / 10;
}

/** Instruments typed as a list: split on commas, trimmed, lower-cased, empty ones and repeats left out. */
export function parseInstruments(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))];
}

/** How a corrected value is marked: the owner's own, or derived from their earlier ×2/½ corrections; null when the analysis's stands. */
export function ownership(corrections: TrackCorrections | null | undefined, field: CorrectedField): 'yours' | 'your preference' | null {
  const correction = corrections?.[field];
  if (!correction) return null;
  return correction.source === 'preference' ? 'your preference' : 'yours';
}

/** What the analysis said instead, in words ("analysis: 85 BPM"), for a corrected value. */
export function analysisSaid(corrections: TrackCorrections | null | undefined, field: CorrectedField): string | null {
  const correction = corrections?.[field];
  if (!correction) return null;
  const value = correction.analysisValue;
  if (value == null) return 'the analysis had none';
  if (typeof value === 'number') return `analysis: ${value.toFixed(1)} BPM`;
  if (Array.isArray(value)) return value.length ? `analysis: ${value.map((label) => label.name).join(', ')}` : 'the analysis had none';
  return `analysis: ${value}`;
}

/** The hint under a corrected value ("yours · analysis: 85.0 BPM"); null when the analysis's value stands. */
export function correctedHint(corrections: TrackCorrections | null | undefined, field: CorrectedField): string | null {
  const owner = ownership(corrections, field);
  return owner && `${owner} · ${analysisSaid(corrections, field)}`;
}

/**
 * What the owner's corrections of their other tracks suggest for this one, in words ("techno (72%) · based on 6 of your
 * tracks", or "not sure: between techno and ambient · …"); null when there is nothing to offer: too few labels to learn
 * from, or the owner set this track's value themselves.
 */
export function learnedText(label: LearnedLabel | null | undefined): string | null {
  if (!label || label.corrected) return null;
  const basis = `based on ${label.basedOn} of your tracks`;
  return label.name ? `${label.name} (${formatPercent(label.confidence)}) · ${basis}` : `not sure: ${label.notSure ?? 'no reason given'} · ${basis}`;
}
