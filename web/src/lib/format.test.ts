import { describe, expect, it } from 'vitest';
import { formatTempo, hasTempo } from './format';

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
