// The MIREX evaluation rules, as tools/Benchmark/Scoring.cs applies them (and mir_eval).

// Two tempi agree within this ratio of the reference (Acc1's tolerance; the consensus rules use it too).
export const TEMPO_TOLERANCE = 0.04;

// Tempo Acc1: within 4 % of the reference. Acc2: within 4 % of the reference or of its double, triple, half or third.
export const tempoAcc1 = (estimate, reference) => Boolean(estimate && reference && Math.abs(estimate - reference) <= TEMPO_TOLERANCE * reference);
export const tempoAcc2 = (estimate, reference) => [1, 2, 3, 1 / 2, 1 / 3].some(factor => tempoAcc1(estimate, reference * factor));

// The weighted key score: 1 the same key; 0.5 the same mode with the estimate a perfect fifth above; 0.3 the relative
// major/minor; 0.2 the parallel key; else 0.

const PITCH_CLASS = {
  C: 0, 'B#': 0, 'C#': 1, Db: 1, D: 2, 'D#': 3, Eb: 3, E: 4, Fb: 4, F: 5, 'E#': 5, 'F#': 6, Gb: 6, G: 7, 'G#': 8, Ab: 8,
  A: 9, 'A#': 10, Bb: 10, B: 11, Cb: 11,
};

// "F# minor" → { tonic: 6, mode: 'minor' }; null for anything else (no key, an unknown spelling).
export function parseKey(text) {
  const [name, mode] = String(text ?? '').trim().split(/\s+/);
  return name in PITCH_CLASS && (mode === 'major' || mode === 'minor') ? { tonic: PITCH_CLASS[name], mode } : null;
}

// How an estimate relates to the reference: correct, fifth, relative, parallel or other (no key is other).
export function keyRelation(estimate, reference) {
  if (!estimate) return 'other';
  const up = ((estimate.tonic - reference.tonic) % 12 + 12) % 12;
  if (estimate.mode === reference.mode) return up === 0 ? 'correct' : up === 7 ? 'fifth' : 'other';
  if ((reference.mode === 'major' && up === 9) || (reference.mode === 'minor' && up === 3)) return 'relative';
  return up === 0 ? 'parallel' : 'other';
}

export const KEY_WEIGHT = { correct: 1, fifth: 0.5, relative: 0.3, parallel: 0.2, other: 0 };

export const keyWeighted = (estimate, reference) => KEY_WEIGHT[keyRelation(estimate, reference)];
