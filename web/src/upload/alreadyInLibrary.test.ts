import { afterEach, describe, expect, it, vi } from 'vitest';
import { alreadyInLibraryMessage, tellIfAlreadyInLibrary } from './alreadyInLibrary';

const first = { id: 'a', title: 'Freedom', fileName: 'freedom.wav', format: 'wav', similarity: 0.97, createdAt: '2026-12-01T09:00:00Z' };
const later = { id: 'c', title: '', fileName: 'freedom (2).flac', format: 'flac', similarity: 0.95, createdAt: '2026-12-02T09:00:00Z' };
const copy = { id: 'b', status: 'analyzed', alreadyInLibrary: true, sameRecordingAs: [first, later], createdAt: '2026-12-01T10:00:00Z' };

describe('already in the library', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the tracks uploaded before this one, and nothing for a first upload', () => {
    expect(alreadyInLibraryMessage(copy)).toBe('You already have this recording: Freedom');
    expect(alreadyInLibraryMessage({ ...copy, alreadyInLibrary: false })).toBeUndefined();
  });

  it('reads the track again while the Library has not stored the analysis, then tells once', async () => {
    const answers = [{ ...copy, status: 'analyzing', alreadyInLibrary: false, sameRecordingAs: [] }, copy];
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(answers.shift()), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const told: string[] = [];

    await tellIfAlreadyInLibrary('b', (m) => told.push(m), 0);

    expect(told).toEqual(['You already have this recording: Freedom']);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('says nothing when the track cannot be read', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 500 })));
    const told: string[] = [];
    await tellIfAlreadyInLibrary('b', (m) => told.push(m), 0);
    expect(told).toEqual([]);
  });
});
