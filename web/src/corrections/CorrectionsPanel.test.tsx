import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Track } from '../api/types';
import { ToastProvider } from '../ui/Toasts';
import { CorrectionsPanel } from './CorrectionsPanel';

const track: Track = {
  id: 't1', title: 'Roller', artist: null, album: null, fileName: 'roller.wav', format: 'wav', sizeBytes: 44, status: 'analyzed', error: null,
  createdAt: '2026-12-01T10:00:00Z', analyzedAt: '2026-12-01T10:01:00Z', sameRecordingAs: [], alreadyInLibrary: false,
  analysis: { tempoBpm: 85, key: 'A minor', camelot: '8A', timeSignature: '4/4', genres: [{ name: 'house', confidence: 0.6 }] },
  corrections: {
    key: { value: 'A minor', mode: 'minor', camelot: '8A', analysisValue: 'C major', analysisMode: 'major', analysisCamelot: '8B', source: 'user', setAt: '2026-12-01T10:05:00Z' },
  },
  learnedLabels: null,
};

describe('corrections panel', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify(track), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderPanel = (onChanged = vi.fn()) => {
    render(<ToastProvider><CorrectionsPanel track={track} onChanged={onChanged} /></ToastProvider>);
    return onChanged;
  };
  const lastCall = () => {
    const [url, init] = fetchMock.mock.calls.at(-1)! as [string, RequestInit];
    return { url: String(url), method: init?.method, body: init?.body ? JSON.parse(String(init.body)) : undefined };
  };

  it('×2 sends the doubled tempo and hands the answer back', async () => {
    const onChanged = renderPanel();

    fireEvent.click(screen.getByRole('button', { name: 'Double the tempo' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(track));
    expect(lastCall()).toEqual({ url: expect.stringMatching(/\/audio\/t1\/corrections$/), method: 'PUT', body: { tempoBpm: 170 } });
  });

  it('½ and a typed tempo send theirs; a tempo out of range cannot be sent', async () => {
    renderPanel();

    fireEvent.click(screen.getByRole('button', { name: 'Halve the tempo' }));
    await waitFor(() => expect(lastCall().body).toEqual({ tempoBpm: 42.5 }));
    fireEvent.change(screen.getByLabelText('Your tempo in BPM'), { target: { value: '400' } });
    expect((screen.getByRole('button', { name: 'Set tempo' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Your tempo in BPM'), { target: { value: '172' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set tempo' }));
    await waitFor(() => expect(lastCall().body).toEqual({ tempoBpm: 172 }));
  });

  it('a corrected value is marked yours, says what the analysis said, and resets with a DELETE', async () => {
    renderPanel();

    const mark = document.querySelector('.correction-mark[data-field="key"]');
    expect(mark?.textContent).toBe('yours');
    expect(screen.getByText('analysis: C major')).toBeTruthy();
    expect(document.querySelector('.correction-mark[data-field="tempoBpm"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reset the key to the analysis' }));

    await waitFor(() => expect(lastCall()).toMatchObject({ url: expect.stringMatching(/\/audio\/t1\/corrections\/key$/), method: 'DELETE' }));
  });

  const enabled = (name: string) => !(screen.getByRole('button', { name }) as HTMLButtonElement).disabled;

  it('a typed key, a meter and instruments are sent as the Library takes them', async () => {
    renderPanel();

    fireEvent.change(screen.getByLabelText('Your key'), { target: { value: 'F#m' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set key' }));
    await waitFor(() => expect(lastCall().body).toEqual({ key: 'F#m' }));
    // The panel's buttons wait while a change is on its way: click once the answer is back, as a user can.
    await waitFor(() => expect(enabled('7/8')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: '7/8' }));
    await waitFor(() => expect(lastCall().body).toEqual({ timeSignature: '7/8' }));
    fireEvent.change(screen.getByLabelText('Your instruments'), { target: { value: 'Piano, drums' } });
    await waitFor(() => expect(enabled('Set instruments')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Set instruments' }));
    await waitFor(() => expect(lastCall().body).toEqual({ instruments: ['piano', 'drums'] }));
  });
});

describe('labels learned from your corrections', () => {
  afterEach(() => vi.unstubAllGlobals());

  const learning: Track = {
    ...track,
    learnedLabels: {
      genre: { name: 'techno', confidence: 0.72, runnerUp: 'ambient', basedOn: 6, notSure: null, corrected: false },
      mood: { name: null, confidence: null, runnerUp: null, basedOn: 4, notSure: 'between dark and calm', corrected: false },
    },
  };

  it('shows the learned genre with its confidence and basis, and Accept makes it a correction', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(learning), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const onChanged = vi.fn();
    render(<ToastProvider><CorrectionsPanel track={learning} onChanged={onChanged} /></ToastProvider>);

    const genre = document.querySelector('.learned[data-field="genre"]')!;
    expect(genre.textContent).toContain('Learned from your corrections: techno (72%) · based on 6 of your tracks');
    expect(genre.classList.contains('muted')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Accept techno as your genre' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(learning));
    const [url, init] = fetchMock.mock.calls.at(-1)! as unknown as [string, RequestInit];
    expect([String(url), init.method, JSON.parse(String(init.body))]).toEqual([expect.stringMatching(/\/audio\/t1\/corrections$/), 'PUT', { genre: 'techno' }]);
  });

  it('shows "not sure" muted with its reason and nothing to accept', () => {
    render(<ToastProvider><CorrectionsPanel track={learning} onChanged={vi.fn()} /></ToastProvider>);

    const mood = document.querySelector('.learned[data-field="mood"]')!;
    expect(mood.classList.contains('muted')).toBe(true);
    expect(mood.textContent).toBe('Learned from your corrections: not sure: between dark and calm · based on 4 of your tracks');
    expect(screen.queryByRole('button', { name: /as your mood/ })).toBeNull();
  });

  it('shows nothing learned for a value the owner set, or without learned labels', () => {
    const corrected: Track = { ...learning, learnedLabels: { genre: { ...learning.learnedLabels!.genre!, corrected: true }, mood: null } };
    const { unmount } = render(<ToastProvider><CorrectionsPanel track={corrected} onChanged={vi.fn()} /></ToastProvider>);
    expect(document.querySelector('.learned')).toBeNull();
    unmount();

    render(<ToastProvider><CorrectionsPanel track={track} onChanged={vi.fn()} /></ToastProvider>);
    expect(document.querySelector('.learned')).toBeNull();
  });
});

describe('yours mark', () => {
  it('marks a corrected value with what the analysis said, and nothing else', async () => {
    const { YoursMark } = await import('./CorrectionsPanel');
    render(<p><YoursMark corrections={track.corrections} field="key" /><YoursMark corrections={track.corrections} field="tempoBpm" /></p>);

    expect(screen.getByLabelText('yours · analysis: C major').textContent).toBe('✎');
    expect(document.querySelectorAll('.yours-mark')).toHaveLength(1);
  });
});
