// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The web build's guard against drift: `npm run build` regenerates src/api/generated/ from web/openapi/*.json and then
 * type-checks. These tests run that pair on a copy of the app, once with the documents as they are and once with a
 * Library document whose TrackDto lost a field the pages read, and expect the second type check to fail naming it.
 */
const web = path.resolve(__dirname, '..', '..');
const scratch = mkdtempSync(path.join(web, 'node_modules', '.api-drift-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function typeCheckWith(name: string, changeLibrary: (document: any) => void) {
  const root = path.join(scratch, name);
  cpSync(path.join(web, 'src'), path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ extends: path.join(web, 'tsconfig.json'), include: ['src'] }));
  const documents = path.join(root, 'openapi');
  mkdirSync(documents);
  cpSync(path.join(web, 'openapi'), documents, { recursive: true, filter: (source) => !source.includes('generator') });
  const library = path.join(documents, 'library.json');
  const document = JSON.parse(readFileSync(library, 'utf8'));
  changeLibrary(document);
  writeFileSync(library, JSON.stringify(document));

  const generate = spawnSync(process.execPath, [path.join(web, 'openapi', 'generator', 'generate.mjs'), documents, path.join(root, 'src', 'api', 'generated')], { encoding: 'utf8' });
  expect(generate.status, generate.stderr).toBe(0);
  const tsc = spawnSync(process.execPath, [path.join(web, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', path.join(root, 'tsconfig.json')], { encoding: 'utf8' });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

describe('generated API types', () => {
  it('type-check the app as the documents are', () => {
    const result = typeCheckWith('unchanged', () => {});
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('fail the type check when a document drops a field the web code reads', () => {
    const result = typeCheckWith('drifted', (document) => {
      const track = document.components.schemas.TrackDto;
      delete track.properties.title;
      track.required = track.required.filter((field: string) => field !== 'title');
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/Property 'title' does not exist/);
  }, 120_000);
});
