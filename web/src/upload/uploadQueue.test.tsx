import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { AuthProvider } from '../auth/AuthContext';
import { NotificationClient, type SocketLike } from '../live/notifications';
import { ToastProvider } from '../ui/Toasts';
import { UploadQueue, type TransportResult, type UploadTransport } from './uploadQueue';
import type { UploadedTrack } from '../api/types';

/** A transport the test drives by hand: it reports progress and answers when told to. */
function manualTransport() {
  const calls: { file: File; progress: (loaded: number, total: number) => void; answer: (r: TransportResult) => void; aborted: boolean }[] = [];
  const transport: UploadTransport = (file, progress) => {
    let answer!: (r: TransportResult) => void;
    const result = new Promise<TransportResult>((resolve) => (answer = resolve));
    const call = { file, progress, answer, aborted: false };
    calls.push(call);
    return { result, abort: () => { call.aborted = true; answer({ ok: false, problem: { status: 0, title: 'Cancelled' } }); } };
  };
  return { transport, calls };
}

const file = (name: string, bytes = 100) => new File([new Uint8Array(bytes)], name, { type: 'audio/mpeg' });

const accepted = (id: string, name: string): TransportResult => ({
  ok: true,
  tracks: [{ id, fileName: name, format: 'mp3', sizeBytes: 100, title: name, status: 'uploaded', createdAt: '2026-01-01T00:00:00Z' } as UploadedTrack],
});

const flush = () => act(async () => { await Promise.resolve(); await Promise.resolve(); });

describe('upload queue', () => {
  it('reports bytes sent, then checking, then the created track', async () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport });
    const [id] = queue.add([file('a.mp3')]);
    const item = () => queue.getSnapshot().find((i) => i.id === id)!;
    expect(item().state).toBe('uploading');

    calls[0].progress(40, 100);
    expect(item()).toMatchObject({ state: 'uploading', loaded: 40, total: 100 });
    calls[0].progress(100, 100);
    expect(item().state).toBe('checking');

    calls[0].answer(accepted('track-1', 'a.mp3'));
    await flush();
    expect(item()).toMatchObject({ state: 'uploaded', track: { id: 'track-1' } });
  });

  it('a 413 or 415 problem details refuses that file only, with the server\'s reason', async () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport, concurrency: 3 });
    const [big, text, good] = queue.add([file('big.wav'), file('notes.mp3'), file('ok.flac')]);
    calls[0].answer({ ok: false, problem: { status: 413, title: 'File too large', detail: "'big.wav' is larger than 100 MB." } });
    calls[1].answer({ ok: false, problem: { status: 415, title: 'Not a supported audio file', detail: "'notes.mp3' is not audio." } });
    calls[2].answer(accepted('t3', 'ok.flac'));
    await flush();
    const byId = new Map(queue.getSnapshot().map((i) => [i.id, i]));
    expect(byId.get(big)).toMatchObject({ state: 'refused', problem: { status: 413, detail: "'big.wav' is larger than 100 MB." } });
    expect(byId.get(text)).toMatchObject({ state: 'refused', problem: { status: 415 } });
    expect(byId.get(good)!.state).toBe('uploaded');
  });

  it('a file over the limit is refused before a byte is sent', () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport, maxBytes: 50 });
    queue.add([file('huge.wav', 51)]);
    expect(calls).toHaveLength(0);
    expect(queue.getSnapshot()[0]).toMatchObject({ state: 'refused', problem: { status: 413 } });
  });

  it('sends at most `concurrency` files at once and starts the next as one finishes', async () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport, concurrency: 2 });
    queue.add(['1', '2', '3', '4', '5'].map((n) => file(`${n}.mp3`)));
    expect(calls.map((c) => c.file.name)).toEqual(['1.mp3', '2.mp3']);
    expect(queue.getSnapshot().filter((i) => i.state === 'queued')).toHaveLength(3);

    calls[1].answer(accepted('t2', '2.mp3'));
    await flush();
    expect(calls.map((c) => c.file.name)).toEqual(['1.mp3', '2.mp3', '3.mp3']);
    expect(queue.activeCount).toBe(2);

    calls[0].answer({ ok: false, problem: { status: 503, title: 'Unavailable' } });
    calls[2].answer(accepted('t3', '3.mp3'));
    await flush();
    expect(calls).toHaveLength(5);
    expect(queue.activeCount).toBe(2);
  });

  it('a failure that may pass on a second try (5xx, network) can be retried; cancel stops a transfer', async () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport, concurrency: 1 });
    const [a, b] = queue.add([file('a.mp3'), file('b.mp3')]);
    calls[0].answer({ ok: false, problem: { status: 0, title: 'Upload failed' } });
    await flush();
    expect(queue.getSnapshot()[0].state).toBe('failed');
    queue.cancel(b);
    expect(calls[1].aborted).toBe(true);
    queue.retry(a);
    expect(calls).toHaveLength(3);
    expect(calls[2].file.name).toBe('a.mp3');
    calls[2].answer(accepted('ta', 'a.mp3'));
    await flush();
    expect(queue.getSnapshot().map((i) => i.state)).toEqual(['uploaded', 'cancelled']);
  });
});

class ScriptedSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  close() {}
  push(seq: number, type: string, trackId: string, data: Record<string, unknown> = {}) {
    act(() => this.onmessage?.({ data: JSON.stringify({ seq, type, trackId, occurredAt: '2026-01-01T00:00:00Z', data }) }));
  }
}

describe('uploads in the app', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async (input: string) => {
      const url = String(input);
      if (url.endsWith('/auth/me')) return new Response(JSON.stringify({ email: 'ada@example.com' }), { status: 200 });
      if (url.includes('/api/v1/audio')) {
        return new Response(JSON.stringify({ items: [], page: 1, pageSize: 20, totalCount: 0 }), { status: 200 });
      }
      return new Response('{}', { status: 404 });
    }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keep going while the user is on another page, and show where they are on return', async () => {
    const { transport, calls } = manualTransport();
    const queue = new UploadQueue({ transport });
    const socket = new ScriptedSocket();
    const live = new NotificationClient({ url: () => 'ws://test', createSocket: () => socket });
    render(
      <MemoryRouter initialEntries={['/upload']}>
        <ToastProvider>
          <AuthProvider>
            <App liveClient={live} uploadQueue={queue} />
          </AuthProvider>
        </ToastProvider>
      </MemoryRouter>,
    );

    const input = await screen.findByLabelText('Audio files to upload');
    fireEvent.change(input, { target: { files: [file('kick.wav', 200), file('readme.mp3', 10)] } });
    expect(await screen.findByText('kick.wav')).toBeTruthy();
    act(() => calls[0].progress(50, 200));
    expect(screen.getByText(/Uploading .* 25%/)).toBeTruthy();

    const nav = () => within(screen.getByRole('navigation', { name: 'Main' }));
    fireEvent.click(nav().getByRole('link', { name: 'Library' }));
    expect(await screen.findByRole('heading', { name: 'Library' })).toBeTruthy();
    expect(screen.queryByText('kick.wav')).toBeNull();
    expect(screen.getByRole('link', { name: '2 uploads in progress' })).toBeTruthy();

    // While away: more bytes go out, one file is accepted, the other refused.
    act(() => calls[0].progress(150, 200));
    calls[1].answer({ ok: false, problem: { status: 415, title: 'Not a supported audio file', detail: "'readme.mp3' is not an audio file." } });
    await flush();
    expect(screen.getByRole('link', { name: '1 upload in progress' })).toBeTruthy();

    fireEvent.click(nav().getByRole('link', { name: 'Upload' }));
    const kick = (await screen.findByText('kick.wav')).closest('li')!;
    expect(within(kick).getByText(/Uploading .* 75%/)).toBeTruthy();
    const readme = screen.getByText('readme.mp3').closest('li')!;
    expect(within(readme).getByRole('alert').textContent).toBe("'readme.mp3' is not an audio file.");

    calls[0].answer(accepted('t-kick', 'kick.wav'));
    await flush();
    expect(within(kick).getByText(/Waiting for the analyser/)).toBeTruthy();

    // Then the analysis stages arrive over the WebSocket.
    act(() => socket.onopen?.({}));
    socket.push(1, 'analysisStarted', 't-kick', { attempt: 1 });
    socket.push(2, 'analysisProgress', 't-kick', { stage: 'rhythm', percent: 60 });
    expect(within(kick).getByText('Uploaded · Analysis: Tempo and beats · 60%')).toBeTruthy();
    expect(within(kick).getByRole('progressbar', { name: 'Analysis progress' }).getAttribute('aria-valuenow')).toBe('60');
    socket.push(3, 'analysisCompleted', 't-kick', { engineVersion: '1' });
    expect(within(kick).getByRole('link', { name: 'open the analysis' }).getAttribute('href')).toBe('/tracks/t-kick');
    expect(screen.getByText('"kick.wav" is analysed.')).toBeTruthy();
  });
});
