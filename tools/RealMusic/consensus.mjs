// The consensus rules that turn the reference estimators' outputs into one tempo and one key per clip (README.md).

import { tempoAcc1 as within, TEMPO_TOLERANCE } from './scoring.mjs';

// A tempo reference needs two estimators within TEMPO_TOLERANCE (the MIREX Acc1 tolerance) of each other.
export { TEMPO_TOLERANCE };
// essentia's KeyExtractor strength (the correlation with the winning profile) above which its key stands alone.
export const STRONG_KEY = 0.75;

// Tempo: the largest group of estimators within 4 % of one of them, if it has two or more members and no other group
// of the same size disagrees with it. Estimators agreeing at ×2 or ½ of the consensus are listed as its octaves.
export function tempoConsensus(estimates) {
  const values = Object.entries(estimates).filter(([, bpm]) => bpm);
  const groups = values.map(([, center]) => values.filter(([, bpm]) => within(bpm, center)))
    .sort((a, b) => b.length - a.length);
  const best = groups[0] ?? [];
  if (best.length < 2) {
    const octave = values.flatMap(([a, x]) => values.filter(([b, y]) => a < b && (within(x, 2 * y) || within(y, 2 * x)))
      .map(([b, y]) => `${a} ${x} and ${b} ${y}`));
    return { bpm: null, reason: octave.length ? `estimators agree only at ×2/½ (${octave[0]})` : 'no two estimators agree within 4 %' };
  }
  const names = best.map(([name]) => name).sort();
  const rival = groups.find(g => g.length === best.length && !g.some(([n]) => names.includes(n)));
  if (rival) return { bpm: null, reason: `tie: ${names.join('+')} against ${rival.map(([n]) => n).sort().join('+')}` };
  const sorted = best.map(([, bpm]) => bpm).sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const related = factor => values.filter(([n, bpm]) => !names.includes(n) && within(bpm, median * factor)).map(([n]) => n);
  return { bpm: Number(median.toFixed(2)), agree: names, double: related(2), half: related(0.5) };
}

// Key: two of essentia's three profiles naming the same key, or its default profile alone when its strength is high.
export function keyConsensus(keys) {
  const named = ['bgate', 'temperley', 'krumhansl'].filter(p => keys?.[p]?.key)
    .map(p => [p, `${keys[p].key} ${keys[p].scale}`]);
  const votes = new Map();
  for (const [profile, key] of named) votes.set(key, [...(votes.get(key) ?? []), profile]);
  const [top] = [...votes.entries()].sort((a, b) => b[1].length - a[1].length);
  if (top && top[1].length >= 2) return { key: top[0], agree: top[1], strength: keys.bgate?.strength ?? null };
  if (keys?.bgate?.strength >= STRONG_KEY) return { key: `${keys.bgate.key} ${keys.bgate.scale}`, agree: ['bgate (strong)'], strength: keys.bgate.strength };
  return { key: null, reason: `profiles disagree and bgate strength ${keys?.bgate?.strength ?? 'missing'} < ${STRONG_KEY}` };
}

// A clip's references from the estimators' outputs (estimators.mjs): the tempo consensus of the five and essentia's key vote.
export function referencesOf(estimators) {
  const tempo = tempoConsensus({
    essentia: estimators.essentia?.bpm, aubio: estimators.aubio?.bpm, vampFixedTempo: estimators.vampFixedTempo?.bpm,
    bpmTools: estimators.bpmTools?.bpm, soundstretch: estimators.soundstretch?.bpm,
  });
  return { tempo, key: keyConsensus(estimators.essentia?.keys) };
}
