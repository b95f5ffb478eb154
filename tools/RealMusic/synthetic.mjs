// essentia.js on the synthetic benchmark's generated pieces, whose tempo and key are known: the bar an established
// estimator sets on the set the engine's synthetic targets (tempo Acc1 0.95, key 0.95) are measured on.
//
//   node tools/RealMusic/synthetic.mjs [--pieces /tmp/bench] [--cache DIR]
//
// The pieces are the benchmark's (`dotnet run -c Release --project tools/Benchmark -- --tracks 200 --out /tmp/bench`
// writes 200 of seed 1, each an audio file beside its truth <id>.json). Each is decoded as the real-music references
// are (estimators.mjs: mono, 44.1 kHz) and essentia's output is cached per piece, so a second run only scores.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { keyConsensus } from './consensus.mjs';
import { KEY_WEIGHT, keyRelation, parseKey, tempoAcc1, tempoAcc2 } from './scoring.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { values: options } = parseArgs({
  options: {
    pieces: { type: 'string', default: '/tmp/bench' },
    cache: { type: 'string', default: join(process.env.HOME ?? '/tmp', '.cache/audioplatform/synthetic-essentia') },
  },
});

const files = readdirSync(options.pieces);
const ids = files.filter(f => /^[\w-]+-\d{4}\.json$/.test(f)).map(f => f.slice(0, -5)).sort();
if (ids.length === 0) {
  console.error(`No generated pieces (<id>.json beside its audio) in ${options.pieces}.`);
  process.exit(2);
}
mkdirSync(options.cache, { recursive: true });

async function essentiaOf(id) {
  const cache = join(options.cache, `${id}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const audio = files.find(f => f.startsWith(`${id}.`) && !/\.(json|mid)$/.test(f) && !f.includes('.ref.'));
  if (!audio) throw new Error(`${id}.json in ${options.pieces} has no audio file beside it`);
  const raw = join(options.cache, `${id}.f32`);
  try {
    await run('ffmpeg', ['-v', 'error', '-y', '-i', join(options.pieces, audio), '-map', '0:a:0', '-af', 'pan=mono|c0=0.5*c0+0.5*c1', '-ar', '44100', '-f', 'f32le', raw]);
    const { stdout } = await run('node', [join(here, 'essentia.mjs'), raw, 'degara'], { maxBuffer: 1 << 24 });
    const out = { audio, essentia: JSON.parse(stdout) };
    writeFileSync(cache, JSON.stringify(out));
    return out;
  } finally {
    rmSync(raw, { force: true });
  }
}

const PROFILES = ['bgate', 'temperley', 'krumhansl', 'edma'];
const rows = [];
for (const [i, id] of ids.entries()) {
  const truth = JSON.parse(readFileSync(join(options.pieces, `${id}.json`), 'utf8'));
  const essentia = (await essentiaOf(id)).essentia ?? {};
  const keys = essentia.keys ?? {};
  const estimates = Object.fromEntries(PROFILES.map(p => [p, keys[p] ? `${keys[p].key} ${keys[p].scale}` : null]));
  estimates.consensus = keyConsensus(keys).key;
  rows.push({ id, truth, reference: { tonic: truth.tonic, mode: truth.mode }, estimates, bpm: essentia.bpm });
  if ((i + 1) % 25 === 0) process.stderr.write(`${i + 1}/${ids.length}\n`);
}

const RELATIONS = ['correct', 'fifth', 'relative', 'parallel', 'other'];
function line(subset, estimator) {
  const relations = subset.map(r => keyRelation(parseKey(r.estimates[estimator]), r.reference));
  const score = relations.reduce((sum, relation) => sum + KEY_WEIGHT[relation], 0) / subset.length;
  const counts = RELATIONS.map(relation => `${relation} ${relations.filter(x => x === relation).length}`).join(', ');
  return `${score.toFixed(3)} (${subset.length}: ${counts})`;
}

const percent = count => `${(100 * count / rows.length).toFixed(1)} %`;
console.log(`essentia.js RhythmExtractor2013 (degara) on ${rows.length} generated pieces of ${options.pieces}, against their known tempo: ` +
  `Acc1 ${percent(rows.filter(r => tempoAcc1(r.bpm, r.truth.bpm)).length)}, Acc2 ${percent(rows.filter(r => tempoAcc2(r.bpm, r.truth.bpm)).length)}`);
console.log(`essentia.js KeyExtractor on ${rows.length} generated pieces of ${options.pieces}, against their known keys (MIREX weighted):`);
for (const estimator of ['bgate', ...PROFILES.slice(1), 'consensus']) {
  const label = estimator === 'bgate' ? 'bgate (its default)' : estimator === 'consensus' ? 'consensus (the real-music references\' rule)' : estimator;
  console.log(`  ${label.padEnd(44)} ${line(rows, estimator)}`);
}
console.log('bgate by the truth\'s mode and progression:');
for (const mode of ['major', 'minor']) console.log(`  ${mode.padEnd(16)} ${line(rows.filter(r => r.truth.mode === mode), 'bgate')}`);
for (const progression of [...new Set(rows.map(r => r.truth.progression))].sort()) {
  console.log(`  ${String(progression).padEnd(16)} ${line(rows.filter(r => r.truth.progression === progression), 'bgate')}`);
}
