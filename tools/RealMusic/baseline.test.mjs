// node --test tools/RealMusic
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leaveOneOut } from './baseline.mjs';

const clip = (id, estimates) => ({ id, estimators: Object.fromEntries(Object.entries(estimates).map(([k, bpm]) => [k, { bpm }])) });

test('each estimator is scored against the consensus of the other four, and the engine against the same references', () => {
  const clips = [
    // Without essentia the others still agree at 120: essentia right, the engine at double (Acc2 only).
    clip('a', { essentia: 121, aubio: 120, vampFixedTempo: 119.5, bpmTools: 60, soundstretch: null }),
    // Without aubio, essentia and vamp agree at 100: aubio (150) is wrong, the engine right.
    clip('b', { essentia: 100, aubio: 150, vampFixedTempo: 101, bpmTools: 130, soundstretch: 90 }),
  ];
  const engine = new Map([['a', 240], ['b', 100.5]]);
  const rows = Object.fromEntries(leaveOneOut(clips, engine).map(r => [r.held, r]));

  // Without essentia, clip b has aubio 150, vamp 101, bpm-tools 130, soundstretch 90: no two within 4 %, no reference.
  assert.deepEqual(rows.essentia, { held: 'essentia', references: 1, estimator: 1, estimatorAcc2: 1, engineClips: 1, engine: 0, engineAcc2: 1 });
  assert.equal(rows.aubio.references, 2);
  assert.equal(rows.aubio.estimator, 1);
  assert.equal(rows.aubio.engine, 1);
  // Without vamp, clip b has essentia 100, aubio 150, bpm-tools 130, soundstretch 90: no two within 4 %, no reference.
  assert.equal(rows.vampFixedTempo.references, 1);
});

test('clips the engine was not run on count for the estimators only', () => {
  const rows = leaveOneOut([clip('a', { essentia: 120, aubio: 120, vampFixedTempo: 120, bpmTools: 120, soundstretch: 120 })]);
  assert.equal(rows[0].references, 1);
  assert.equal(rows[0].estimator, 1);
  assert.equal(rows[0].engineClips, 0);
});
