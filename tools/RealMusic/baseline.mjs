// The engine beside the reference estimators: each estimator, and the engine, against the consensus of the other four.
// Against the full consensus an estimator is scored partly against itself; without it, its figure says how well an
// established estimator matches the others, the bar the engine's own figure can be read against.
//   node tools/RealMusic/baseline.mjs [--results DIR] [--split dev+final] [--manifest FILE]
// DIR holds the benchmark's per-clip results (real-music-<split>.json, written by --real-music; default /tmp/bench);
// a split whose results are missing is printed with the estimators only. --manifest: another set's manifest, such as the
// whole files' that whole-tracks.mjs writes (default: this folder's manifest.json).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempoConsensus } from './consensus.mjs';
import { tempoAcc1 as within, tempoAcc2 as acc2 } from './scoring.mjs';

export const ESTIMATORS = ['essentia', 'aubio', 'vampFixedTempo', 'bpmTools', 'soundstretch'];

// For each estimator left out: how many clips the other four give a reference, how many of them the estimator and
// the engine (engine: clip id → BPM or null, or missing) are within 4 % of, and Acc2 (×2, ×3, ½, ⅓ also count) for both.
export function leaveOneOut(clips, engine = new Map()) {
  return ESTIMATORS.map(held => {
    const row = { held, references: 0, estimator: 0, estimatorAcc2: 0, engineClips: 0, engine: 0, engineAcc2: 0 };
    for (const clip of clips) {
      const others = Object.fromEntries(ESTIMATORS.filter(e => e !== held).map(e => [e, clip.estimators?.[e]?.bpm ?? null]));
      const { bpm } = tempoConsensus(others);
      if (!bpm) continue;
      row.references++;
      const own = clip.estimators?.[held]?.bpm;
      if (within(own, bpm)) row.estimator++;
      if (acc2(own, bpm)) row.estimatorAcc2++;
      if (!engine.has(clip.id)) continue;
      row.engineClips++;
      if (within(engine.get(clip.id), bpm)) row.engine++;
      if (acc2(engine.get(clip.id), bpm)) row.engineAcc2++;
    }
    return row;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
  const results = option('--results', '/tmp/bench');
  const here = dirname(fileURLToPath(import.meta.url));
  const { clips } = JSON.parse(readFileSync(option('--manifest', join(here, 'manifest.json')), 'utf8'));
  const splits = option('--split', null)?.split(',') ?? ['dev', 'final', 'heldout', 'unseen'];
  const percent = (k, n) => n ? `${(100 * k / n).toFixed(1)} %` : '–';
  console.log('| split | left out | references from the other four | the left-out estimator, Acc1 / Acc2 | the engine, Acc1 / Acc2 |');
  console.log('|---|---|---|---|---|');
  for (const split of splits) {
    const parts = split.split('+');
    const engine = new Map();
    for (const part of parts) {
      const file = join(results, `real-music-${part}.json`);
      if (!existsSync(file)) continue;
      for (const r of JSON.parse(readFileSync(file, 'utf8'))) engine.set(r.clip, r.tempoBpm ?? null);
    }
    for (const row of leaveOneOut(clips.filter(c => parts.includes(c.split)), engine))
      console.log(`| ${split} | ${row.held} | ${row.references} | ${percent(row.estimator, row.references)} / ${percent(row.estimatorAcc2, row.references)} | ` +
        (row.engineClips ? `${percent(row.engine, row.engineClips)} / ${percent(row.engineAcc2, row.engineClips)}` : 'not run') + ' |');
  }
}
