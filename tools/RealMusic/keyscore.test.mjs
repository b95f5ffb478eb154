import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKey, keyRelation, keyWeighted } from './keyscore.mjs';

test('parses essentia\'s and the generator\'s spellings, enharmonics alike', () => {
  assert.deepEqual(parseKey('F# minor'), { tonic: 6, mode: 'minor' });
  assert.deepEqual(parseKey('Gb minor'), parseKey('F# minor'));
  assert.equal(parseKey('H major'), null);
  assert.equal(parseKey(null), null);
  assert.equal(parseKey('C'), null);
});

test('scores as mir_eval: a fifth above counts, a fifth below does not', () => {
  const cMajor = parseKey('C major'), aMinor = parseKey('A minor');
  assert.equal(keyWeighted(parseKey('C major'), cMajor), 1);
  assert.equal(keyWeighted(parseKey('G major'), cMajor), 0.5);
  assert.equal(keyWeighted(parseKey('F major'), cMajor), 0);
  assert.equal(keyWeighted(parseKey('A minor'), cMajor), 0.3);
  assert.equal(keyWeighted(parseKey('C major'), aMinor), 0.3);
  assert.equal(keyWeighted(parseKey('C minor'), cMajor), 0.2);
  assert.equal(keyWeighted(parseKey('E minor'), cMajor), 0);
  assert.equal(keyRelation(null, cMajor), 'other');
});
