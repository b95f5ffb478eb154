import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Track } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { NotificationClient, type SocketLike } from '../live/notifications';
import { ToastProvider } from '../ui/Toasts';
import TrackPage from './TrackPage';

const base: Track = {
  id: 't1',
  title: 'Empty take',
  artist: null,
  album: null,
  fileName: 'empty-take.wav',
  format: 'wav',
  sizeBytes: 44,
  status: 'failed',
  error: 'The file is empty: it holds no audio.',
  createdAt: '2026-12-01T10:00:00Z',
  analyzedAt: null,
  analysis: null,
  sameRecordingAs: [],
  alreadyInLibrary: false,
  corrections: null,
  learnedLabels: null,
};

describe('track page', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  const respondWith = (track: Track) => {
    fetchMock = vi.fn(async (url: string) => {
      if (url.endsWith(`/audio/${track.id}`)) return new Response(JSON.stringify(track), { status: 200 });
      if (url.includes('/similar')) return new Response(JSON.stringify({ trackId: track.id, items: [] }), { status: 200 });
      if (url.endsWith('/waveform')) return new Response(JSON.stringify({ min: [0], max: [0], secondsPerPoint: 1 }), { status: 200 });
      return new Response(JSON.stringify({ title: 'Not found', status: 404 }), { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
  };
  beforeEach(() => respondWith(base));
  afterEach(() => vi.unstubAllGlobals());

  const renderTrack = (id = 't1', live?: NotificationClient) =>
    render(
      <MemoryRouter initialEntries={[`/tracks/${id}`]}>
        <ToastProvider>
          <LiveProvider enabled={Boolean(live)} client={live}>
            <Routes>
              <Route path="/tracks/:id" element={<TrackPage />} />
            </Routes>
          </LiveProvider>
        </ToastProvider>
      </MemoryRouter>,
    );

  /** The facts under the player (the corrections panel names tempo and key too). */
  const facts = async () => {
    await screen.findAllByText('Tempo');
    return within(document.querySelector<HTMLElement>('dl.facts')!);
  };

  const requested = () => fetchMock.mock.calls.map(([url]) => String(url));

  it('a failed track says why and asks for no waveform, spectrogram or similar tracks', async () => {
    renderTrack();

    // The page's effects run in the same commit that shows the reason: anything it asks for is asked by now.
    expect(await screen.findByText('The file is empty: it holds no audio.')).toBeTruthy();
    expect(requested().filter((url) => /waveform|spectrogram|similar/.test(url))).toEqual([]);
    expect(document.querySelector('img.spectrogram')).toBeNull();
  });

  it('a failed re-analysis keeps the old analysis in the record but still asks for none of it', async () => {
    respondWith({ ...base, analysis: { tempoBpm: 120, durationSeconds: 10 }, analyzedAt: '2026-12-01T10:01:00Z' });
    renderTrack();

    await screen.findByText('The file is empty: it holds no audio.');
    expect(requested().filter((url) => /waveform|spectrogram|similar/.test(url))).toEqual([]);
  });

  it.each([null, 0, undefined])('an analysed track without a tempo (%s) shows "–", not "0.0 BPM"', async (tempoBpm) => {
    respondWith({ ...base, status: 'analyzed', error: null, analysis: { tempoBpm, durationSeconds: 10, key: null }, analyzedAt: '2026-12-01T10:01:00Z' });
    renderTrack();

    const tempo = (await facts()).getByText('Tempo').parentElement!;
    expect(tempo.textContent).toContain('–');
    expect(tempo.textContent).not.toContain('BPM');
    expect((await facts()).getByText('Key').parentElement!.textContent).toContain('–');
  });

  it('an analysed track asks for its waveform, spectrogram and similar tracks', async () => {
    respondWith({ ...base, status: 'analyzed', error: null, analysis: { tempoBpm: 124, durationSeconds: 10 }, analyzedAt: '2026-12-01T10:01:00Z' });
    renderTrack();

    expect((await facts()).getByText('Tempo').parentElement!.textContent).toContain('124.0 BPM');
    await vi.waitFor(() => {
      expect(requested().some((url) => url.endsWith('/waveform'))).toBe(true);
      expect(requested().some((url) => url.includes('/similar'))).toBe(true);
    });
    expect(document.querySelector('img.spectrogram')).not.toBeNull();
  });

  it('a repeated upload says which recording the user already has and links it', async () => {
    respondWith({
      ...base, status: 'analyzed', error: null, analysis: { tempoBpm: 124, durationSeconds: 10 }, analyzedAt: '2026-12-01T10:01:00Z',
      alreadyInLibrary: true,
      sameRecordingAs: [{ id: 't0', title: 'First take', fileName: 'first-take.wav', format: 'wav', similarity: 0.97, createdAt: '2026-11-30T10:00:00Z' }],
    });
    renderTrack();

    expect((await screen.findByRole('status')).textContent).toBe('You already have this recording: First take');
    expect(screen.getAllByRole('link', { name: /First take/ })[0].getAttribute('href')).toBe('/tracks/t0');
  });

  it('a corrected tempo is shown as yours with what the analysis said, and the corrections panel is offered', async () => {
    respondWith({
      ...base, status: 'analyzed', error: null, analyzedAt: '2026-12-01T10:01:00Z',
      analysis: { tempoBpm: 170, tempoConfidence: 0.9, durationSeconds: 10 },
      corrections: { tempoBpm: { value: 170, analysisValue: 85, source: 'user', setAt: '2026-12-01T10:05:00Z' } },
    });
    renderTrack();

    const tempo = (await facts()).getByText('Tempo').parentElement!;
    expect(tempo.textContent).toContain('170.0 BPM');
    expect(tempo.textContent).toContain('yours · analysis: 85.0 BPM');
    expect(screen.getByRole('heading', { name: 'Your corrections' })).toBeTruthy();
  });

  it('a correction made elsewhere (another tab, the CLI) arrives as trackCorrected and the page shows the corrected value', async () => {
    const analysed: Track = { ...base, status: 'analyzed', error: null, analysis: { tempoBpm: 140, durationSeconds: 10 }, analyzedAt: '2026-12-01T10:01:00Z' };
    respondWith(analysed);
    let socket!: SocketLike;
    const live = new NotificationClient({ url: () => 'ws://test', createSocket: () => (socket = { onopen: null, onmessage: null, onclose: null, onerror: null, close() {} }) });
    renderTrack('t1', live);
    expect((await facts()).getByText('Tempo').parentElement!.textContent).toContain('140.0 BPM');
    act(() => socket.onopen?.({}));

    respondWith({
      ...analysed,
      analysis: { tempoBpm: 70, durationSeconds: 10 },
      corrections: { tempoBpm: { value: 70, analysisValue: 140, source: 'user', setAt: '2026-12-01T10:05:00Z' } },
    });
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 1, type: 'trackCorrected', trackId: 'other', occurredAt: '', data: {} }) }));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(requested().filter((url) => url.endsWith('/audio/t1'))).toEqual([]);
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 2, type: 'trackCorrected', trackId: 't1', occurredAt: '', data: { tempoBpm: 70 } }) }));

    await vi.waitFor(async () => expect((await facts()).getByText('Tempo').parentElement!.textContent).toContain('yours · analysis: 140.0 BPM'));
    expect((await facts()).getByText('Tempo').parentElement!.textContent).toContain('70.0 BPM');
    live.stop();
  });
});
