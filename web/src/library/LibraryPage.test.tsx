import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../live/LiveContext';
import { NotificationClient, type SocketLike } from '../live/notifications';
import { LibraryPage } from '../pages/LibraryPage';
import { ToastProvider } from '../ui/Toasts';

function Location() {
  const location = useLocation();
  return <output data-testid="location" data-path={location.pathname}>{location.search}</output>;
}

const page = (items: unknown[] = []) => ({ items, page: 1, pageSize: 20, totalCount: items.length });

describe('library page and the URL', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify(page()), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderAt = (url: string, live?: NotificationClient) =>
    render(
      <MemoryRouter initialEntries={[url]}>
        <ToastProvider>
          <LiveProvider enabled={Boolean(live)} client={live}>
            <Routes>
              <Route path="/library" element={<><LibraryPage /><Location /></>} />
              <Route path="/sets" element={<Location />} />
            </Routes>
          </LiveProvider>
        </ToastProvider>
      </MemoryRouter>,
    );

  const lastApiQuery = () => new URL(String(fetchMock.mock.calls.at(-1)![0]), 'http://x').searchParams;

  it('a bookmarked view fills the controls and asks the API for exactly that view', async () => {
    renderAt('/library?genre=house&bpmMin=120&bpmMax=128&camelot=8A&sort=-tempoBpm&page=2&status=nonsense');
    await screen.findByText(/No tracks match/);
    expect((screen.getByLabelText('Genre') as HTMLInputElement).value).toBe('house');
    expect((screen.getByLabelText('BPM from') as HTMLInputElement).value).toBe('120');
    expect((screen.getByLabelText('Camelot') as HTMLSelectElement).value).toBe('8A');
    expect((screen.getByLabelText('Sort') as HTMLSelectElement).value).toBe('-tempoBpm');
    expect(Object.fromEntries(lastApiQuery())).toEqual({
      genre: 'house', camelot: '8A', bpmMin: '120', bpmMax: '128', sort: '-tempoBpm', page: '2', pageSize: '20',
    });
  });

  it('changing a control writes it to the URL, resets the page and refetches', async () => {
    renderAt('/library?mood=dark&page=3');
    await screen.findByText(/No tracks match/);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'A minor' } });
    expect(screen.getByTestId('location').textContent).toBe('?mood=dark&key=A+minor');
    await act(async () => {});
    expect(lastApiQuery().get('key')).toBe('A minor');
    expect(lastApiQuery().get('page')).toBe('1');

    const bpm = screen.getByLabelText('BPM to');
    fireEvent.change(bpm, { target: { value: '140' } });
    fireEvent.blur(bpm);
    expect(screen.getByTestId('location').textContent).toBe('?mood=dark&key=A+minor&bpmMax=140');
  });

  it('a failed track says why in the list, and a track without a tempo shows "–" for BPM', async () => {
    const track = (id: string, extra: object) => ({ id, title: id, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, createdAt: '2026-12-01T10:00:00Z', ...extra });
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(page([
      track('broken', { status: 'failed', error: 'The file ends before its audio does.' }),
      track('drone', { status: 'analyzed', analysis: { tempoBpm: null, durationSeconds: 30 } }),
    ])), { status: 200 }));

    renderAt('/library');

    expect(await screen.findByText('The file ends before its audio does.')).toBeTruthy();
    const drone = screen.getByRole('link', { name: 'drone' }).closest('li')!;
    const bpm = Array.from(drone.querySelectorAll('dt')).find((dt) => dt.textContent === 'BPM')!;
    expect(bpm.nextElementSibling!.textContent).toBe('–');
  });

  it('with nothing selected, "Build set" orders the filtered view (its filter in the set page address, without the page)', async () => {
    const track = (id: string) => ({ id, title: id, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, createdAt: '2026-12-01T10:00:00Z', status: 'analyzed', analysis: null });
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(page([track('one'), track('two'), track('three')])), { status: 200 }));
    renderAt('/library?genre=house&page=2');
    fireEvent.click(await screen.findByRole('button', { name: 'Build set' }));
    expect(screen.getByTestId('location').dataset.path).toBe('/sets');
    expect(screen.getByTestId('location').textContent).toBe('?genre=house');
  });

  it('a selection of two or more tracks is the set', async () => {
    const track = (id: string) => ({ id, title: id, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, createdAt: '2026-12-01T10:00:00Z', status: 'analyzed', analysis: null });
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(page([track('one'), track('two'), track('three')])), { status: 200 }));
    renderAt('/library');
    fireEvent.click(await screen.findByLabelText('Select three'));
    expect((screen.getByRole('button', { name: 'Build set' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select one'));
    fireEvent.click(screen.getByRole('button', { name: 'Build set from 2 tracks' }));
    expect(screen.getByTestId('location').dataset.path).toBe('/sets');
    expect(screen.getByTestId('location').textContent).toBe('?ids=three%2Cone');
  });

  it('a selection downloads as one tagged zip, by a plain link the browser streams to disk', async () => {
    const track = (id: string) => ({ id, title: id, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, createdAt: '2026-12-01T10:00:00Z', status: 'analyzed', analysis: null });
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(page([track('one'), track('two'), track('three')])), { status: 200 }));
    renderAt('/library');
    await screen.findByLabelText('Select three');
    expect(screen.queryByRole('link', { name: 'Download tagged (zip)' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Select three'));
    fireEvent.click(screen.getByLabelText('Select one'));
    const link = screen.getByRole('link', { name: 'Download tagged (zip)' });
    expect(link.getAttribute('href')).toBe('/api/v1/audio/export?ids=three,one');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('a row shows the genre learned from the owner\'s corrections, but not on a track whose genre they set', async () => {
    const learned = (name: string, corrected: boolean) => ({ genre: { name, confidence: 0.8, runnerUp: null, basedOn: 4, notSure: null, corrected }, mood: null });
    const track = (id: string, extra: object) => ({ id, title: id, fileName: `${id}.wav`, format: 'wav', sizeBytes: 44, createdAt: '2026-12-01T10:00:00Z', status: 'analyzed', ...extra });
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(page([
      track('guessed', { analysis: { genres: [{ name: 'house', confidence: 0.6 }] }, learnedLabels: learned('techno', false) }),
      track('labelled', { analysis: { genres: [{ name: 'ambient', confidence: 1 }] }, learnedLabels: learned('ambient', true) }),
      track('plain', { analysis: { genres: [{ name: 'rock', confidence: 0.7 }] }, learnedLabels: null }),
    ])), { status: 200 }));

    renderAt('/library');

    const row = async (name: string) => (await screen.findByRole('link', { name })).closest('li')!;
    const mark = (await row('guessed')).querySelector('.learned-mark')!;
    expect(mark.textContent).toBe('learned: techno');
    expect(mark.getAttribute('title')).toBe('Learned from your corrections: techno (80%) · based on 4 of your tracks');
    expect((await row('labelled')).querySelector('.learned-mark')).toBeNull();
    expect((await row('plain')).querySelector('.learned-mark')).toBeNull();
  });

  it('an empty library offers an upload instead of an empty list', async () => {
    renderAt('/library');
    expect(await screen.findByText('Your library is empty')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /Upload/ }).some((a) => a.getAttribute('href') === '/upload')).toBe(true);
  });

  it('reloads when the live connection says it missed too much (resyncRequired), when a track finishes and when one is corrected', async () => {
    let socket!: SocketLike;
    const live = new NotificationClient({ url: () => 'ws://test', createSocket: () => (socket = { onopen: null, onmessage: null, onclose: null, onerror: null, close() {} }) });
    renderAt('/library', live);
    await screen.findByText('Your library is empty');
    const calls = fetchMock.mock.calls.length;
    act(() => socket.onopen?.({}));
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 4, type: 'resyncRequired', trackId: null, occurredAt: '', data: null }) }));
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(fetchMock.mock.calls.length).toBe(calls + 1);
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 5, type: 'analysisCompleted', trackId: 't', occurredAt: '', data: {} }) }));
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 6, type: 'analysisProgress', trackId: 'u', occurredAt: '', data: { stage: 'rhythm', percent: 50 } }) }));
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(fetchMock.mock.calls.length).toBe(calls + 2);
    // A correction made in another tab or by the CLI: the list shows the corrected values.
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 7, type: 'trackCorrected', trackId: 't', occurredAt: '', data: { tempoBpm: 70 } }) }));
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(fetchMock.mock.calls.length).toBe(calls + 3);
  });
});
