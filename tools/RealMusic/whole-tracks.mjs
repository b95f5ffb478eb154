#!/usr/bin/env node
// Links each clip's whole source file under the clip's name, so the benchmark (--clips DIR) can analyse whole tracks
// against the clips' references: what a user uploads has its ending and its intro, which a 30-s excerpt from the middle
// never shows. A reference made on the middle 30 s is only a proxy for the whole track's key and tempo.
//   node tools/RealMusic/whole-tracks.mjs [--split dev] [--out /tmp/real-music-whole] [--cache ~/.cache/audioplatform/real-music]
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    out: { type: 'string', default: '/tmp/real-music-whole' },
    cache: { type: 'string', default: join(homedir(), '.cache/audioplatform/real-music') },
    manifest: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), 'manifest.json') },
  },
});

const manifest = JSON.parse(readFileSync(values.manifest, 'utf8'));
let linked = 0;
const missing = [];
for (const clip of manifest.clips.filter((c) => c.split === values.split)) {
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
  linked++;
}

console.log(`${linked} whole tracks of split '${values.split}' linked under ${values.out}`);
if (missing.length > 0) {
  console.log(`${missing.length} sources missing (run tools/RealMusic/build.sh first): ${missing.slice(0, 5).join(', ')}`);
  process.exitCode = 1;
}
