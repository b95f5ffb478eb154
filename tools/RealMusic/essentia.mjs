// Runs essentia.js (Essentia compiled to WebAssembly) on one decoded clip and prints its tempo and key as JSON.
// Input: raw 32-bit float mono PCM at 44.1 kHz (the rate RhythmExtractor2013 assumes), as build.sh decodes it with ffmpeg.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { EssentiaWASM, Essentia } = require('essentia.js');

// RhythmExtractor2013's 'degara' method by default: on these shared 2-core machines 'multifeature' (which runs degara's
// tracker among four others and picks by agreement) takes about six times as long, 20 s for a 30-s clip.
const [pcmPath, method = 'degara'] = process.argv.slice(2);
if (!pcmPath || !['degara', 'multifeature'].includes(method)) {
  console.error('usage: node essentia.mjs <clip.f32le> [degara|multifeature]');
  process.exit(2);
}
const bytes = readFileSync(pcmPath);
const samples = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
const essentia = new Essentia(EssentiaWASM);
const signal = essentia.arrayToVector(samples);

const rhythm = essentia.RhythmExtractor2013(signal, 208, method, 40);
// KeyExtractor with four key profiles over the same HPCP front end: 'bgate' (its default), 'temperley' and 'krumhansl'
// vote in the key consensus (build.mjs); 'edma' (tuned to electronic dance music) is recorded for inspection.
const keys = {};
for (const profile of ['bgate', 'temperley', 'krumhansl', 'edma']) {
  const k = essentia.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, profile, 44100);
  keys[profile] = { key: k.key, scale: k.scale, strength: Number(k.strength.toFixed(4)) };
}
console.log(JSON.stringify({
  version: essentia.version,
  method,
  bpm: Number(rhythm.bpm.toFixed(3)),
  // Always 0 with 'degara', which estimates no confidence.
  confidence: Number(rhythm.confidence.toFixed(3)),
  beats: rhythm.ticks.size(),
  keys,
}));
