import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKey, keyRelation, keyWeighted, tempoAcc1, tempoAcc2 } from './scoring.mjs';

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

test('tempo: Acc1 within 4 % of the reference; Acc2 also at its double, triple, half or third', () => {
  assert.ok(tempoAcc1(124.8, 120));
  assert.ok(!tempoAcc1(125.2, 120));
  assert.ok(!tempoAcc1(null, 120));
  assert.ok(!tempoAcc1(240, 120));
  assert.ok(tempoAcc2(240, 120) && tempoAcc2(60, 120) && tempoAcc2(360, 120) && tempoAcc2(40, 120));
  assert.ok(!tempoAcc2(180, 120));
});
