// node --test tools/RealMusic
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyConsensus, referencesOf, tempoConsensus } from './consensus.mjs';

test('two estimators within 4 % make the tempo reference, and octave agreements are listed', () => {
  const tempo = tempoConsensus({ essentia: 120.4, aubio: 119, vampFixedTempo: 240.2, bpmTools: 60.1, soundstretch: 97 });
  assert.equal(tempo.bpm, 119.7);
  assert.deepEqual(tempo.agree, ['aubio', 'essentia']);
  assert.deepEqual(tempo.double, ['vampFixedTempo']);
  assert.deepEqual(tempo.half, ['bpmTools']);
});

test('estimators that agree only at double or half give no tempo reference, and say so', () => {
  const tempo = tempoConsensus({ essentia: 120, aubio: 241, vampFixedTempo: 97, bpmTools: null, soundstretch: 150 });
  assert.equal(tempo.bpm, null);
  assert.match(tempo.reason, /only at ×2\/½/);
});

test('two equal groups that disagree give no tempo reference', () => {
  const tempo = tempoConsensus({ essentia: 120, aubio: 121, vampFixedTempo: 90, bpmTools: 91 });
  assert.equal(tempo.bpm, null);
  assert.match(tempo.reason, /^tie/);
});

test('two key profiles naming the same key make the key reference', () => {
  const key = keyConsensus({ bgate: { key: 'A', scale: 'minor', strength: 0.5 }, temperley: { key: 'C', scale: 'major', strength: 0.8 }, krumhansl: { key: 'A', scale: 'minor', strength: 0.6 } });
  assert.equal(key.key, 'A minor');
  assert.deepEqual(key.agree, ['bgate', 'krumhansl']);
});

test('a strong default profile stands alone; a weak one that nobody confirms gives no key', () => {
  const strong = keyConsensus({ bgate: { key: 'D', scale: 'major', strength: 0.8 }, temperley: { key: 'A', scale: 'major', strength: 0.7 }, krumhansl: { key: 'B', scale: 'minor', strength: 0.6 } });
  assert.equal(strong.key, 'D major');
  const weak = keyConsensus({ bgate: { key: 'D', scale: 'major', strength: 0.5 }, temperley: { key: 'A', scale: 'major', strength: 0.7 }, krumhansl: { key: 'B', scale: 'minor', strength: 0.6 } });
  assert.equal(weak.key, null);
});

test('the references of a file come from the five tempo outputs and essentia\'s key vote; failed estimators count as absent', () => {
  const references = referencesOf({
    essentia: { bpm: 90.5, keys: { bgate: { key: 'A', scale: 'minor', strength: 0.6 }, temperley: { key: 'C', scale: 'major', strength: 0.5 }, krumhansl: { key: 'A', scale: 'minor', strength: 0.7 } } },
    aubio: { error: 'aubio failed' }, vampFixedTempo: { bpm: 181 }, bpmTools: { bpm: 91.2 }, soundstretch: { bpm: null },
  });
  assert.equal(references.tempo.bpm, 90.85);
  assert.deepEqual(references.tempo.agree, ['bpmTools', 'essentia']);
  assert.deepEqual(references.tempo.double, ['vampFixedTempo']);
  assert.equal(references.key.key, 'A minor');
  assert.deepEqual(references.key.agree, ['bgate', 'krumhansl']);
});
