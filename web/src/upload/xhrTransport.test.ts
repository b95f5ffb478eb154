// @vitest-environment jsdom
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xhrTransport } from './xhrTransport';

/**
 * jsdom's XMLHttpRequest against a real local HTTP server standing in for the Gateway's upload
 * endpoint: checks what goes on the wire and how answers are read. (jsdom fires no upload progress
 * events; the queue's handling of progress is tested with a manual transport.)
 */
describe('XMLHttpRequest upload transport', () => {
  let server: http.Server;
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // jsdom keeps the origin it started with, so to it this server is another origin: allow it.
      res.setHeader('Access-Control-Allow-Origin', String(req.headers.origin ?? '*'));
      res.setHeader('Access-Control-Allow-Headers', 'X-CSRF');
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      let body = '';
      req.setEncoding('latin1');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        if (body.includes('filename="notes.txt"')) {
          res.writeHead(415, { 'Content-Type': 'application/problem+json' });
          res.end(JSON.stringify({ status: 415, title: 'Not a supported audio file', detail: "'notes.txt' is not MP3, WAV, FLAC, AIFF or OGG.", fileName: 'notes.txt' }));
          return;
        }
        res.writeHead(202, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify([{ id: 'abc', fileName: 'kick.wav', format: 'wav', sizeBytes: 4, title: 'kick', status: 'uploaded', createdAt: '2026-01-01T00:00:00Z' }]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Relative URLs resolve against this server, as they do against the Gateway in the browser.
    (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url: `http://127.0.0.1:${port}/upload` });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the file as multipart part "file" with the antiforgery header and reads the created track', async () => {
    const file = new File(['RIFF'], 'kick.wav', { type: 'audio/wav' });
    const result = await xhrTransport(file, () => {}).result;
    expect(result).toEqual({ ok: true, tracks: [expect.objectContaining({ id: 'abc', status: 'uploaded' })] });
    const request = seen.at(-1)!;
    expect(request.headers['x-csrf']).toBe('1');
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.body).toContain('name="file"; filename="kick.wav"');
  });

  it('reads a refusal as the problem details the server sent', async () => {
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const result = await xhrTransport(file, () => {}).result;
    expect(result).toEqual({
      ok: false,
      problem: expect.objectContaining({ status: 415, title: 'Not a supported audio file', detail: "'notes.txt' is not MP3, WAV, FLAC, AIFF or OGG." }),
    });
  });
});
