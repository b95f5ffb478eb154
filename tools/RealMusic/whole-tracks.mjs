#!/usr/bin/env node
// The clips' whole source files, for the benchmark (--real-music OUT/manifest.json --clips OUT): what a user uploads has
// its intro and its ending, which a 30-s excerpt from the middle never shows. Links each whole source under its clip's
// name and writes OUT/manifest.json for them. With --references the reference estimators also run on the whole files
// (cached per file content, kept in whole-tracks.json in the repo like the clips' outputs in manifest.json), and that
// manifest carries the whole files' references; without it, the clips' (made on the middle 30 s, only a proxy).
//   node tools/RealMusic/whole-tracks.mjs [--split dev|dev+final|...] [--references] [--jobs 2] [--out /tmp/real-music-whole]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { referencesOf } from './consensus.mjs';
import { pool, REFERENCE_VERSION, runEstimators } from './estimators.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    references: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '2' },
    out: { type: 'string', default: '/tmp/real-music-whole' },
    cache: { type: 'string', default: join(homedir(), '.cache/audioplatform/real-music') },
    manifest: { type: 'string', default: join(here, 'manifest.json') },
    record: { type: 'string', default: join(here, 'whole-tracks.json') },
  },
});

// Tracker modules are music too, but not a format the platform accepts (MP3, WAV, FLAC, AIFF, OGG): a user cannot upload them.
const MODULE = /\.(xm|it|s3m|mod)$/i;

const manifest = JSON.parse(readFileSync(values.manifest, 'utf8'));
const splits = values.split.split('+');
const clips = manifest.clips.filter((c) => splits.includes(c.split));
const modules = clips.filter((c) => MODULE.test(c.file));
const whole = [];
const missing = [];
for (const clip of clips.filter((c) => !MODULE.test(c.file))) {
  const source = join(values.cache, 'pkgs', clip.package, clip.file);
  if (!existsSync(source)) {
    missing.push(clip.id);
    continue;
  }
  // The benchmark opens <id>.flac; the decoder goes by the content, not the name.
  const link = join(values.out, `${clip.id}.flac`);
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(source, link);
  whole.push({ clip, source });
}

// The whole files' estimator outputs recorded in the repo, by file content: reused so a fresh machine need not rerun them.
const recorded = new Map();
if (existsSync(values.record)) {
  const previous = JSON.parse(readFileSync(values.record, 'utf8'));
  if (previous.rules?.referenceVersion === REFERENCE_VERSION) for (const t of previous.tracks) recorded.set(t.sha256, t);
}

if (values.references) {
  mkdirSync(join(values.cache, 'refs'), { recursive: true });
  let done = 0, ran = 0;
  await pool(whole, Number(values.jobs), async (item) => {
    item.sha256 = createHash('sha256').update(readFileSync(item.source)).digest('hex');
    const cached = join(values.cache, 'refs', `whole-${item.sha256}.v${REFERENCE_VERSION}.json`);
    if (existsSync(cached)) item.estimators = JSON.parse(readFileSync(cached, 'utf8'));
    else if (recorded.has(item.sha256)) item.estimators = recorded.get(item.sha256).estimators;
    else {
      item.estimators = await runEstimators(item.source, join(values.cache, 'tmp', `whole-${item.sha256}-${process.pid}`));
      ran++;
    }
    writeFileSync(cached, JSON.stringify(item.estimators));
    item.reference = referencesOf(item.estimators);
    if (++done % 10 === 0 || done === whole.length) process.stderr.write(`\r  ${done}/${whole.length} whole files estimated (${ran} run now)`);
  });
  process.stderr.write('\n');
  // Merged with what is recorded, so estimating one split does not drop another's.
  for (const item of whole) recorded.set(item.sha256, {
    id: item.clip.id, split: item.clip.split, sha256: item.sha256, sourceSeconds: item.clip.sourceSeconds,
    reference: item.reference, estimators: item.estimators,
  });
  writeFileSync(values.record, JSON.stringify({
    description: 'The reference estimators on the whole source files of the real-music clips (manifest.json), by file content. Written by whole-tracks.mjs --references.',
    rules: { referenceVersion: REFERENCE_VERSION, tempoTolerance: manifest.rules?.tempoTolerance, strongKey: manifest.rules?.strongKey },
    tracks: [...recorded.values()].sort((a, b) => a.id.localeCompare(b.id)),
  }, null, 1) + '\n');
}

writeFileSync(join(values.out, 'manifest.json'), JSON.stringify({
  description: values.references
    ? 'The whole source files of the real-music clips, with references made on the whole files (whole-tracks.mjs --references).'
    : 'The whole source files of the real-music clips, with the clips\' references (made on the middle 30 s: a proxy).',
  clipFolder: values.out,
  rules: manifest.rules,
  clips: whole.map(({ clip, reference, estimators }) => ({
    ...clip, offsetSeconds: 0, durationSeconds: clip.sourceSeconds, reference: reference ?? clip.reference,
    estimators: estimators ?? clip.estimators, clipReference: clip.reference,
  })),
}, null, 1) + '\n');

console.log(`${whole.length} whole tracks of split '${values.split}' linked under ${values.out}, with ${values.out}/manifest.json`
  + ` (${values.references ? 'whole-file references' : 'the clips\' references'}); ${modules.length} tracker modules left out (not an upload format)`);
if (missing.length > 0) {
  console.log(`${missing.length} sources missing (run tools/RealMusic/build.sh first): ${missing.slice(0, 5).join(', ')}`);
  process.exitCode = 1;
}
