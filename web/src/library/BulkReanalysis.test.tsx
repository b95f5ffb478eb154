import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../live/LiveContext';
import { NotificationClient, type SocketLike } from '../live/notifications';
import { BulkReanalysis } from './BulkReanalysis';
import { DEFAULT_FILTERS } from './filters';

describe('analyse again', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let socket!: SocketLike;
  const live = () => new NotificationClient({ url: () => 'ws://test', createSocket: () => (socket = { onopen: null, onmessage: null, onclose: null, onerror: null, close() {} }) });
  const batch = { batchId: 'b1', requestedAt: '2026-12-07T10:00:00Z', total: 2, done: 0, failed: 0, pending: 2, finished: false };

  beforeEach(() => {
    fetchMock = vi.fn(async (_url: string, init?: RequestInit) => init?.method === 'POST'
      ? new Response(JSON.stringify(batch), { status: 202 })
      : new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks first, sends the view\'s filter, then follows the live progress to the end', async () => {
    render(<LiveProvider enabled client={live()}><BulkReanalysis filters={{ ...DEFAULT_FILTERS, genre: 'house' }} /></LiveProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'Analyse again…' }));
    expect(screen.getByText(/Analyse the tracks of this view again/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByText('Analysing again: 0 of 2 done')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    expect(init.method).toBe('POST');
    expect(String(url)).toBe('/api/v1/library/reanalysis?genre=house');

    act(() => socket.onopen?.({}));
    act(() => socket.onmessage?.({ data: JSON.stringify({ seq: 1, type: 'reanalysisProgress', trackId: null, occurredAt: '', data: { batchId: 'b1', total: 2, done: 2, failed: 1 } }) }));
    expect(await screen.findByText('Analysed again: 2 tracks, 1 failed')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Analyse again…' })).toBeTruthy();
  });

  it('says when nothing in the view can be analysed again', async () => {
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ status: 400, title: 'One or more validation errors occurred.' }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    render(<LiveProvider enabled={false}><BulkReanalysis filters={DEFAULT_FILTERS} /></LiveProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'Analyse again…' }));
    expect(screen.getByText(/Analyse your whole library again/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/nothing to analyse again/);
  });
});
