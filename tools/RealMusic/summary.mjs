// Prints the README's tables from manifest.json: licences per package, counts per split and style, and the consensus
// against the tempo of the Frets on Fire songs' charts.   node tools/RealMusic/summary.mjs [--cache DIR]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const cache = args.includes('--cache') ? args[args.indexOf('--cache') + 1] : join(process.env.HOME, '.cache/audioplatform/real-music');
const { clips } = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
const splits = ['dev', 'final', 'heldout', 'unseen'];
const table = (header, rows) => [header, header.map(() => '---'), ...rows].map(r => `| ${r.join(' | ')} |`).join('\n');
const groupBy = (items, key) => items.reduce((m, x) => m.set(key(x), [...(m.get(key(x)) ?? []), x]), new Map());

console.log(table(['package', 'version', 'split', 'style', 'clips', 'licence (clips)'],
  [...groupBy(clips, c => c.package)].map(([pkg, cs]) => [pkg, cs[0].packageVersion, ['dev', 'final'].includes(cs[0].split) ? 'dev + final' : cs[0].split,
    cs[0].style, cs.length, [...groupBy(cs, c => c.licence)].map(([l, x]) => `${l} (${x.length})`).join(', ')])));
console.log();

const counts = cs => [cs.length, cs.filter(c => c.reference.tempo.bpm).length, cs.filter(c => c.reference.key.key).length];
console.log(table(['split', 'clips', 'tempo reference', 'key reference'], splits.map(s => [s, ...counts(clips.filter(c => c.split === s))])));
console.log();
const styles = [...new Set(clips.map(c => c.style))].sort();
console.log(table(['style', ...splits.map(s => `${s} (tempo/key refs)`)], styles.map(style => [style,
  ...splits.map(s => { const [n, t, k] = counts(clips.filter(c => c.split === s && c.style === style)); return `${n} (${t}/${k})`; })])));
console.log();
const reasons = groupBy(clips.filter(c => !c.reference.tempo.bpm), c => c.reference.tempo.reason.replace(/ \(.*|:.*/, ''));
console.log('No tempo reference: ' + [...reasons].map(([r, cs]) => `${r} ${cs.length}`).join(', '));

// The charts' tempo (MIDI set-tempo events in notes.mid) is what the song's authors wrote it at.
const charted = clips.filter(c => c.package.startsWith('fretsonfire-')).map(c => {
  const midi = join(cache, 'pkgs', c.package, dirname(c.file), 'notes.mid');
  if (!existsSync(midi)) return null;
  const bytes = readFileSync(midi);
  const at = bytes.indexOf(Buffer.from([0xff, 0x51, 0x03]));
  const chart = at < 0 ? null : 60e6 / bytes.readUIntBE(at + 3, 3);
  return { id: c.id, chart, reference: c.reference.tempo.bpm };
}).filter(Boolean);
const agree = charted.filter(c => c.reference && Math.abs(c.reference - c.chart) <= 0.04 * c.chart).length;
console.log(`Frets on Fire charts: consensus within 4 % of the chart's tempo on ${agree} of ${charted.length} (` +
  charted.map(c => `${c.id.split('/')[1]} ${c.chart?.toFixed(0)}/${c.reference ?? 'none'}`).join(', ') + ')');
