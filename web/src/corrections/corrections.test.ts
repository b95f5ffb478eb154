import { describe, expect, it } from 'vitest';
import type { TrackCorrections } from '../api/types';
import { TAP_RESET_MS, TAP_WINDOW, addTap, analysisSaid, correctedHint, octave, ownership, parseInstruments, parseTempo, tapTempo } from './corrections';

describe('corrections', () => {
  it('×2 and ½ stay within the tempo the Library takes', () => {
    expect(octave(85, 2)).toBe(170);
    expect(octave(172.5, 0.5)).toBe(86.25);
    expect(octave(160, 2)).toBeNull();
    expect(octave(30, 0.5)).toBeNull();
    expect(octave(null, 2)).toBeNull();
  });

  it('a typed tempo is a number within 20 to 300, a comma taken as the decimal mark', () => {
    expect(parseTempo(' 174 ')).toBe(174);
    expect(parseTempo('127,5')).toBe(127.5);
    expect(parseTempo('19')).toBeNull();
    expect(parseTempo('fast')).toBeNull();
    expect(parseTempo('')).toBeNull();
  });

  it('tap tempo averages the intervals of the last taps', () => {
    let taps: number[] = [];
    for (const at of [0, 500, 1000, 1500]) taps = addTap(taps, at);
    expect(tapTempo(taps)).toBe(120);
    taps = addTap(taps, 1850);
    expect(tapTempo(taps)).toBeCloseTo(129.7, 1);
    expect(tapTempo([0])).toBeNull();
  });

  it('tap tempo keeps only the last taps and starts again after a pause', () => {
    let taps: number[] = [];
    for (let i = 0; i < 20; i++) taps = addTap(taps, i * 400);
    expect(taps).toHaveLength(TAP_WINDOW);
    expect(tapTempo(taps)).toBe(150);
    taps = addTap(taps, 19 * 400 + TAP_RESET_MS + 1);
    expect(taps).toHaveLength(1);
    expect(tapTempo(taps)).toBeNull();
  });

  it('instruments typed as a list are split, trimmed, lower-cased and unique', () => {
    expect(parseInstruments(' Piano, drums ,,piano, Synth')).toEqual(['piano', 'drums', 'synth']);
  });

  it('a corrected value is marked yours or your preference, with what the analysis said', () => {
    const corrections: TrackCorrections = {
      tempoBpm: { value: 174, analysisValue: 87, source: 'preference', setAt: '2026-12-01T10:00:00Z' },
      key: { value: 'A minor', mode: 'minor', camelot: '8A', analysisValue: 'C major', analysisMode: 'major', analysisCamelot: '8B', source: 'user', setAt: '2026-12-01T10:00:00Z' },
      genre: { value: ['techno'], analysisValue: [{ name: 'house', confidence: 0.6 }], source: 'user', setAt: '2026-12-01T10:00:00Z' },
      timeSignature: { value: '7/8', analysisValue: null, source: 'user', setAt: '2026-12-01T10:00:00Z' },
      mood: null,
    };
    expect(ownership(corrections, 'tempoBpm')).toBe('your preference');
    expect(ownership(corrections, 'key')).toBe('yours');
    expect(ownership(corrections, 'mood')).toBeNull();
    expect(ownership(null, 'key')).toBeNull();
    expect(analysisSaid(corrections, 'tempoBpm')).toBe('analysis: 87.0 BPM');
    expect(analysisSaid(corrections, 'genre')).toBe('analysis: house');
    expect(analysisSaid(corrections, 'timeSignature')).toBe('the analysis had none');
    expect(correctedHint(corrections, 'key')).toBe('yours · analysis: C major');
    expect(correctedHint(corrections, 'mood')).toBeNull();
  });
});
