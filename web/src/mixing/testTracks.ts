import { vi } from 'vitest';
import type { TrackSummary } from '../api/types';

/** A list row as the Library answers it, with the fields the mixing views read. */
export function summary(id: string, camelot: string, tempoBpm: number, energy: number, extra: Partial<TrackSummary> = {}): TrackSummary {
  return {
    id, title: `Track ${id}`, artist: null, album: null, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, status: 'analyzed', error: null,
    createdAt: '2026-12-01T10:00:00Z', analyzedAt: '2026-12-01T10:01:00Z',
    analysis: { camelot, key: null, tempoBpm, energy, durationSeconds: 200.4 },
    ...extra,
  } as TrackSummary;
}

/** Stubs fetch with answers by URL; returns the URLs and bodies asked for. */
export function stubApi(answer: (url: string, init?: RequestInit) => unknown) {
  const calls: { url: string; body?: unknown }[] = [];
  const fetchMock = async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const body = answer(String(url), init);
    return body instanceof Response ? body : new Response(JSON.stringify(body), { status: 200 });
  };
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

/** Ingest's answer to POST /api/v1/audio/stream-links: a signed path for each id asked for. */
export function signedLinks(init?: RequestInit) {
  const { trackIds } = JSON.parse(String(init?.body)) as { trackIds: string[] };
  return { expiresAt: '2026-12-02T10:00:00Z', links: trackIds.map((id) => ({ trackId: id, url: signedPath(id) })) };
}

export const signedPath = (id: string) => `/api/v1/audio/${id}/stream?user=u1&exp=1796205600&sig=sig-${id}`;

/** Captures what the export buttons hand to the browser as a download: the file name and the text. */
export function captureDownloads() {
  const files: { name: string; text: () => Promise<string> }[] = [];
  let last: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { last = blob as Blob; return 'blob:test'; });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
    const blob = last;
    // jsdom's Blob has no text(); its FileReader reads one.
    if (blob) files.push({ name: this.download, text: () => new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    }) });
  });
  return files;
}
