import { describe, expect, it } from 'vitest';
import { formatTempo, hasTempo, tempoHint } from './format';

describe('tempo', () => {
  it.each([undefined, null, 0, Number.NaN, -3])('shows "–" when the analysis found none (%s), never "0.0 BPM"', (bpm) => {
    expect(formatTempo(bpm)).toBe('–');
    expect(formatTempo(bpm, 0, false)).toBe('–');
    expect(hasTempo(bpm)).toBe(false);
  });

  it('shows a found tempo with its unit, or bare for a column headed BPM', () => {
    expect(formatTempo(127.96)).toBe('128.0 BPM');
    expect(formatTempo(127.96, 0, false)).toBe('128');
  });
});

describe('tempo hint', () => {
  it('offers both levels when the analysis is unsure which one is the beat', () => {
    expect(tempoHint({ tempoBpm: 240, tempoAlternativeBpm: 120, tempoAmbiguous: true, tempoConfidence: 0.55 })).toBe('uncertain: 120 or 240 BPM');
  });

  it('names the alternative with how sure the chosen level is', () => {
    expect(tempoHint({ tempoBpm: 120, tempoAlternativeBpm: 60, tempoAmbiguous: false, tempoConfidence: 0.81 })).toBe('or 60 · 81% sure');
  });

  it('says why there is no tempo', () => {
    expect(tempoHint({ tempoBpm: null, tempoMissingReason: 'The onsets do not repeat at a steady period, so there is no beat to count.' }))
      .toBe('The onsets do not repeat at a steady period, so there is no beat to count.');
  });
});
