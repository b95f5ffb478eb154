// Builds the real-music development set from the packages build.sh extracted: picks the music files, cuts a 30-s clip
// from the middle of each, runs the reference estimators (cached per clip content), forms the consensus references and
// writes manifest.json. See README.md for the rules; `node build.mjs --help` for the options.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { referencesOf, STRONG_KEY, TEMPO_TOLERANCE } from './consensus.mjs';
import { pool, REFERENCE_VERSION, runEstimators } from './estimators.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: node build.mjs [--cache DIR] [--manifest FILE] [--jobs N] [--essentia-method degara|multifeature]');
  process.exit(0);
}
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const cache = option('--cache', join(process.env.HOME, '.cache/audioplatform/real-music'));
const manifestPath = option('--manifest', join(here, 'manifest.json'));
const jobs = Number(option('--jobs', '4'));
const essentiaMethod = option('--essentia-method', 'degara');

const CLIP_SECONDS = 30;
const MIN_SOURCE_SECONDS = 30;
const FINAL_SHARE = 0.2;
const SPLIT_SEED = 'real-music-split-1';
const AUDIO = /\.(ogg|oga|opus|mp3|wav|flac|xm|it|s3m|mod)$/i;

// The splits a package can be given in packages.tsv; build.mjs moves a share of the dev clips into `final`.
const PACKAGE_SPLITS = ['dev', 'heldout', 'unseen'];
const packages = readFileSync(join(here, 'packages.tsv'), 'utf8').split('\n')
  .filter(line => line && !line.startsWith('#') && !line.startsWith('package\t'))
  .map(line => {
    const [name, split, style, licence, include] = line.split('\t');
    if (!PACKAGE_SPLITS.includes(split)) throw new Error(`packages.tsv: ${name} has split '${split}', not one of ${PACKAGE_SPLITS.join(', ')}`);
    return { name, split, style, licence, include: new RegExp(include) };
  });

for (const dir of ['clips', 'refs']) mkdirSync(join(cache, dir), { recursive: true });

// The manifest in the repo keeps every estimator's output per clip content: on a fresh machine those are reused, so
// rebuilding the audio does not rerun the estimators (essentia.js alone is 20-40 minutes) for clips already estimated.
const recorded = new Map();
if (existsSync(manifestPath)) {
  const previous = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (previous.rules?.referenceVersion === REFERENCE_VERSION && previous.rules?.essentiaMethod === essentiaMethod) {
    for (const clip of previous.clips ?? []) if (clip.sha256 && clip.estimators) recorded.set(clip.sha256, clip.estimators);
  }
}
const probeCachePath = join(cache, 'probe.json');
const probeCache = existsSync(probeCachePath) ? JSON.parse(readFileSync(probeCachePath, 'utf8')) : {};

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}

async function durationSeconds(path) {
  const key = `${path}:${statSync(path).size}`;
  if (!(key in probeCache)) {
    try {
      const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]);
      probeCache[key] = Number.parseFloat(stdout.trim()) || 0;
    } catch {
      probeCache[key] = 0;
    }
  }
  return probeCache[key];
}

// DEP5 copyright files name a licence per file pattern; the last matching stanza wins. Patterns are paths in the
// upstream source, so they are matched against the tail of the installed path. Two differences between the two are
// bridged: a file build.sh unzipped from a Quake-style x.pk3 (into x/) is also matched at the path the game sees, without
// x/ (UFO:AI's base/0music.pk3 holds base/music/*); and a pattern's leading data/ may be missing from the installed path,
// as game packages install the source's data/ folder as /usr/share/games/<game>/ (SuperTux's data/music/*).
function licenceOf(pkg, installedPath) {
  const root = join(cache, 'pkgs', pkg.name);
  const copyright = join(root, 'usr/share/doc', pkg.name, 'copyright');
  if (!existsSync(copyright)) return { licence: pkg.licence, from: 'packages.tsv' };
  const text = readFileSync(copyright, 'utf8');
  if (!/^Format:/m.test(text)) return { licence: pkg.licence, from: 'packages.tsv (copyright file is free text)' };
  const parts = installedPath.split('/');
  const paths = [installedPath, ...parts.slice(1, -1).flatMap((_, i) =>
    existsSync(join(root, ...parts.slice(0, i + 2)) + '.pk3') ? [[...parts.slice(0, i + 1), ...parts.slice(i + 2)].join('/')] : [])];
  const toRegex = pattern => new RegExp('(^|/)' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  let found = null;
  for (const stanza of text.split(/\n\s*\n/)) {
    const files = stanza.match(/^Files:([\s\S]*?)(?=^\S|$(?![\s\S]))/m);
    const licence = stanza.match(/^License:\s*(.+)$/m);
    if (!files || !licence) continue;
    for (const pattern of files[1].split(/\s+/).filter(Boolean)) {
      const regexes = [toRegex(pattern), ...(/^data\/[^/]+\/./.test(pattern) ? [toRegex(pattern.slice('data/'.length))] : [])];
      if (pattern === '*' || regexes.some(regex => paths.some(path => regex.test(path)))) found = licence[1].trim();
    }
  }
  return found && found !== '*'
    ? { licence: found, from: 'debian/copyright' }
    : { licence: pkg.licence, from: 'packages.tsv' };
}

function slug(text) {
  return text.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function hashFile(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function cutClip(source, offset, clipPath) {
  if (existsSync(clipPath)) return;
  const partial = clipPath + '.partial.flac';
  // -ss after -i: sample-accurate for every container (module formats included); the sources are a few minutes long.
  await run('ffmpeg', ['-v', 'error', '-y', '-i', source, '-ss', offset.toFixed(1), '-t', String(CLIP_SECONDS),
    '-map', '0:a:0', '-ac', '2', '-ar', '44100', '-sample_fmt', 's16', '-map_metadata', '-1', '-fflags', '+bitexact',
    '-flags:a', '+bitexact', partial]);
  renameSync(partial, clipPath);
}

// The estimators' outputs for one clip, cached per clip content (and per reference version and essentia method).
async function estimate(clipPath, hash) {
  const method = essentiaMethod === 'degara' ? '' : `.${essentiaMethod}`;
  const cached = join(cache, 'refs', `${hash}.v${REFERENCE_VERSION}${method}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'));
  if (recorded.has(hash)) {
    writeFileSync(cached, JSON.stringify(recorded.get(hash)));
    return recorded.get(hash);
  }
  const out = await runEstimators(clipPath, join(cache, 'tmp', `${hash}-${process.pid}`), essentiaMethod);
  writeFileSync(cached, JSON.stringify(out));
  return out;
}

async function main() {
  const clips = [];
  const skipped = [];
  for (const pkg of packages) {
    const root = join(cache, 'pkgs', pkg.name);
    if (!existsSync(root)) { skipped.push({ package: pkg.name, reason: 'package not extracted' }); continue; }
    const version = existsSync(join(root, '.version')) ? readFileSync(join(root, '.version'), 'utf8').trim() : null;
    const files = walk(root).map(p => relative(root, p))
      .filter(p => AUDIO.test(p) && pkg.include.test('/' + p) && !p.startsWith('usr/share/doc/')).sort();
    if (files.length === 0) skipped.push({ package: pkg.name, reason: `no audio file matches ${pkg.include.source}` });
    for (const file of files) {
      const seconds = await durationSeconds(join(root, file));
      if (seconds < MIN_SOURCE_SECONDS) { skipped.push({ package: pkg.name, file, reason: `shorter than ${MIN_SOURCE_SECONDS} s` }); continue; }
      const offset = Math.max(0, Math.round((seconds - CLIP_SECONDS) / 2 * 10) / 10);
      // Frets on Fire keeps each song as song.ogg in a folder named after the song.
      const id = `${pkg.name}/${slug(file.endsWith('/song.ogg') ? file.split('/').at(-2) : file.split('/').at(-1))}`;
      const { licence, from } = licenceOf(pkg, file);
      clips.push({ id, package: pkg.name, packageVersion: version, file: '/' + file, offsetSeconds: offset,
        durationSeconds: Math.min(CLIP_SECONDS, Number(seconds.toFixed(1))), sourceSeconds: Number(seconds.toFixed(1)),
        licence, licenceFrom: from, style: pkg.style, split: pkg.split });
    }
  }
  writeFileSync(probeCachePath, JSON.stringify(probeCache));

  const ids = new Set();
  for (const clip of clips) {
    let id = clip.id, n = 2;
    while (ids.has(id)) id = `${clip.id}-${n++}`;
    ids.add(id);
    clip.id = id;
  }

  console.error(`${clips.length} clips: cutting with ${jobs} jobs`);
  await pool(clips, jobs, async clip => {
    const clipPath = join(cache, 'clips', `${clip.id}.flac`);
    mkdirSync(dirname(clipPath), { recursive: true });
    await cutClip(join(cache, 'pkgs', clip.package, clip.file), clip.offsetSeconds, clipPath);
    clip.sha256 = await hashFile(clipPath);
  });
  // Some games ship the same track under two names: a repeated clip would count twice, so only the first is kept.
  const seen = new Map();
  for (const clip of [...clips]) {
    if (seen.has(clip.sha256)) {
      skipped.push({ package: clip.package, file: clip.file, reason: `same audio as ${seen.get(clip.sha256)}` });
      clips.splice(clips.indexOf(clip), 1);
    } else seen.set(clip.sha256, clip.id);
  }

  // dev/final: a fixed pseudo-random 20 % of the development clips, chosen by a seeded hash of the clip id so that a
  // clip keeps its split when others are added or removed. heldout and unseen clips keep their split.
  const order = id => createHash('sha256').update(`${SPLIT_SEED}:${id}`).digest('hex');
  const development = clips.filter(c => c.split === 'dev').sort((a, b) => order(a.id).localeCompare(order(b.id)));
  development.slice(0, Math.round(development.length * FINAL_SHARE)).forEach(c => { c.split = 'final'; });

  // The development split first, and the manifest written after each split, so the benchmark can start on dev while the
  // others are still being estimated (their references say so until then).
  const splitOrder = { dev: 0, final: 1, heldout: 2, unseen: 3 };
  clips.sort((a, b) => splitOrder[a.split] - splitOrder[b.split] || a.id.localeCompare(b.id));
  for (const clip of clips) {
    const pending = { bpm: null, reason: 'not estimated yet' };
    clip.reference = { tempo: pending, key: { key: null, reason: pending.reason } };
  }
  const writeManifest = () => writeFileSync(manifestPath, JSON.stringify({
    description: 'Real-music development set for the analysis engine: 30-s excerpts of freely licensed music from Debian packages. Rebuilt by tools/RealMusic/build.sh; see tools/RealMusic/README.md.',
    clipFolder: '~/.cache/audioplatform/real-music/clips',
    rules: { essentiaMethod, clipSeconds: CLIP_SECONDS, tempoTolerance: TEMPO_TOLERANCE, strongKey: STRONG_KEY, finalShare: FINAL_SHARE, splitSeed: SPLIT_SEED, referenceVersion: REFERENCE_VERSION },
    clips,
    skipped,
  }, null, 1) + '\n');

  for (const split of Object.keys(splitOrder)) {
    const part = clips.filter(c => c.split === split);
    console.error(`${part.length} ${split} clips: estimating with ${jobs} jobs`);
    let done = 0;
    await pool(part, jobs, async clip => {
      const raw = await estimate(join(cache, 'clips', `${clip.id}.flac`), clip.sha256);
      clip.reference = referencesOf(raw);
      clip.estimators = raw;
      if (++done % 10 === 0 || done === part.length) process.stderr.write(`\r  ${done}/${part.length}`);
    });
    process.stderr.write('\n');
    writeManifest();
  }

  const count = (split, p = () => true) => clips.filter(c => c.split === split && p(c)).length;
  for (const split of Object.keys(splitOrder))
    console.log(`${split.padEnd(8)} ${String(count(split)).padStart(4)} clips, tempo reference ${count(split, c => c.reference.tempo.bpm)}, key reference ${count(split, c => c.reference.key.key)}`);
  console.log(`manifest: ${manifestPath}`);
}

await main();
