// The reference estimators, run on one audio file: essentia.js (tempo and key), aubio, the vamp fixed-tempo plugin,
// bpm-tools and soundstretch (tempo). Shared by build.mjs (the 30-s clips) and whole-tracks.mjs (their whole sources).
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

// Bumped when an estimator's invocation changes, so cached outputs made the old way are not reused.
export const REFERENCE_VERSION = 1;

const number = text => {
  const value = Number.parseFloat(text);
  return Number.isFinite(value) && value > 0 ? Number(value.toFixed(3)) : null;
};

// Every estimator gets the same decoded mono signal at 44.1 kHz: raw float for essentia.js and bpm-tools, a WAV file
// for aubio, the vamp host and soundstretch. An estimator that fails records its error instead of a value.
export async function runEstimators(audioPath, work, essentiaMethod = 'degara') {
  mkdirSync(work, { recursive: true });
  const raw = join(work, 'mono.f32'), wav = join(work, 'mono.wav');
  const mono = ['-v', 'error', '-y', '-i', audioPath, '-map', '0:a:0', '-af', 'pan=mono|c0=0.5*c0+0.5*c1', '-ar', '44100'];
  try {
    await run('ffmpeg', [...mono, '-f', 'f32le', raw]);
    await run('ffmpeg', [...mono, wav]);
    const out = {};
    const attempt = async (name, fn) => {
      try { out[name] = await fn(); } catch (e) { out[name] = { error: String(e.message).split('\n')[0] }; }
    };
    await attempt('essentia', async () => {
      const { stdout } = await run('node', [join(here, 'essentia.mjs'), raw, essentiaMethod], { maxBuffer: 1 << 24 });
      return JSON.parse(stdout);
    });
    await attempt('aubio', async () => {
      const { stdout } = await run('aubio', ['tempo', '-i', wav]);
      return { bpm: number(stdout.trim().split('\n').pop()) };
    });
    await attempt('vampFixedTempo', async () => {
      const { stdout } = await run('vamp-simple-host', ['vamp-example-plugins:fixedtempo', wav],
        { env: { ...process.env, VAMP_PATH: process.env.VAMP_PATH ?? '/usr/lib/x86_64-linux-gnu/vamp' } });
      const line = stdout.split('\n').find(l => /bpm/.test(l));
      return { bpm: number(line?.split(':')[1]) };
    });
    await attempt('bpmTools', async () => {
      const { stdout } = await run('sh', ['-c', 'bpm -f "%0.3f" < "$0"', raw]);
      return { bpm: number(stdout.trim()) };
    });
    await attempt('soundstretch', async () => {
      const { stdout, stderr } = await run('soundstretch', [wav, '-bpm']);
      return { bpm: number((stdout + stderr).match(/Detected BPM rate\s+([0-9.]+)/)?.[1]) };
    });
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Runs fn over items, at most size at once.
export async function pool(items, size, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}
