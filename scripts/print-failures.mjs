// Prints each failed test of the given TRX files with the start of its message, its stack and the end of its output,
// so that a CI log cut to its last lines still says why a test failed, not only which.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const decode = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
  .replace(/&amp;/g, '&');
const element = (block, name) => decode(block.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1] ?? '');
const lines = (text) => text.split(/\r?\n/).filter((line) => line.trim() !== '');
const indent = (list) => list.map((line) => `    ${line}`).join('\n');

for (const file of process.argv.slice(2)) {
  const trx = readFileSync(file, 'utf8');
  for (const [block] of trx.matchAll(/<UnitTestResult [^>]*outcome="Failed"[\s\S]*?<\/UnitTestResult>/g)) {
    const name = decode(block.match(/testName="([^"]*)"/)?.[1] ?? '?');
    console.log(`failed (${basename(file, '.trx')}): ${name}`);
    const message = lines(element(block, 'Message'));
    const stack = lines(element(block, 'StackTrace'));
    const output = lines(element(block, 'StdOut'));
    if (message.length) console.log(`  message:\n${indent(message.slice(0, 20))}`);
    if (stack.length) console.log(`  stack:\n${indent(stack.slice(0, 10))}`);
    if (output.length) console.log(`  output (last lines):\n${indent(output.slice(-12))}`);
  }
}
