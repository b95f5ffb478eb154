import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DuplicateGroup, SameRecording } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { DuplicatesPage, SameRecordingPanel, describeEncoding } from './Duplicates';

const copy = (id: string, extra: Partial<DuplicateGroup['tracks'][number]> = {}): DuplicateGroup['tracks'][number] => ({
  id, title: 'Song', fileName: `${id}.wav`, format: 'wav', sizeBytes: 31_752_044, durationSeconds: 180, sampleRate: 44100, bitRate: 1_411_200,
  createdAt: '2026-12-01T10:00:00Z', ...extra,
});

describe('duplicates view', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  const respondWith = (groups: DuplicateGroup[]) => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ groups }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  };
  beforeEach(() => respondWith([]));
  afterEach(() => vi.unstubAllGlobals());

  const renderPage = () =>
    render(
      <MemoryRouter initialEntries={['/library/duplicates']}>
        <LiveProvider enabled={false}>
          <DuplicatesPage />
        </LiveProvider>
      </MemoryRouter>,
    );

  it('lists each group with the copies oldest first, their encodings, and links to each track', async () => {
    respondWith([{ tracks: [copy('song', { fileName: 'song.wav' }), copy('song-mp3', { fileName: 'song.mp3', format: 'mp3', sampleRate: 48000, bitRate: 192_000, sizeBytes: 4_320_000 })] }]);
    renderPage();

    const first = await screen.findByRole('link', { name: 'song.wav' });
    const second = screen.getByRole('link', { name: 'song.mp3' });
    expect(first.getAttribute('href')).toBe('/tracks/song');
    expect(second.getAttribute('href')).toBe('/tracks/song-mp3');
    expect(first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('MP3 · 48 kHz · 192 kbps')).toBeTruthy();
    expect(screen.getByText('WAV · 44.1 kHz · 1411 kbps')).toBeTruthy();
    expect(screen.getByText('2 copies')).toBeTruthy();
    expect(screen.getByText('First upload').closest('li')!.textContent).toContain('song.wav');
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/\/api\/v1\/library\/duplicates$/);
  });

  it('says so when no recording is there twice', async () => {
    renderPage();
    expect(await screen.findByText('No duplicates')).toBeTruthy();
  });

  it('leaves out rates the file does not declare', () => {
    expect(describeEncoding({ format: 'ogg', sampleRate: null, bitRate: null })).toBe('OGG');
  });
});

describe('same recording panel', () => {
  const other = (id: string, createdAt: string): SameRecording => ({ id, title: `Take ${id}`, fileName: `${id}.wav`, format: 'wav', similarity: 0.962, createdAt });
  const renderPanel = (sameRecordingAs: SameRecording[], alreadyInLibrary: boolean) =>
    render(
      <MemoryRouter>
        <SameRecordingPanel track={{ sameRecordingAs, alreadyInLibrary, createdAt: '2026-12-01T10:00:00Z' }} />
      </MemoryRouter>,
    );

  it('a repeated upload says which track the user already had, and links every copy', () => {
    renderPanel([other('a', '2026-11-30T09:00:00Z'), other('b', '2026-12-02T09:00:00Z')], true);

    const status = screen.getByRole('status');
    expect(status.textContent).toBe('You already have this recording: Take a');
    expect(screen.getAllByRole('link', { name: /Take a/ }).map((l) => l.getAttribute('href'))).toContain('/tracks/a');
    expect(screen.getByRole('list', { name: 'Same recording as' }).querySelectorAll('li')).toHaveLength(2);
    expect(screen.getAllByText('96% the same audio')).toHaveLength(2);
  });

  it('the first upload lists its copies without calling itself a repeat', () => {
    renderPanel([other('b', '2026-12-02T09:00:00Z')], false);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('Take b')).toBeTruthy();
  });

  it('shows nothing for a track with no copy', () => {
    const { container } = renderPanel([], false);
    expect(container.textContent).toBe('');
  });
});
