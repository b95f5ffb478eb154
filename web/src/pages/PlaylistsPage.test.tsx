import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Playlist } from '../api/types';
import { LiveProvider } from '../live/LiveContext';
import { captureDownloads, signedLinks, signedPath, stubApi, summary } from '../mixing/testTracks';
import { PlaylistPage, PlaylistsPage, describeFilter } from './PlaylistsPage';

const playlist = (id: string, name: string, trackCount: number, filter: Partial<Playlist['filter']> = {}): Playlist => ({
  id, name, filter: filter as Playlist['filter'], sort: null, trackCount, createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z',
});

const renderAt = (url: string) => render(
  <MemoryRouter initialEntries={[url]}>
    <LiveProvider enabled={false}>
      <Routes>
        <Route path="/playlists" element={<PlaylistsPage />} />
        <Route path="/playlists/:id" element={<PlaylistPage />} />
      </Routes>
    </LiveProvider>
  </MemoryRouter>,
);

describe('playlists page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('lists each playlist with its current track count and its filter in words', async () => {
    stubApi(() => [playlist('p1', 'Warm-up', 12, { genre: 'house', bpmMin: 118, bpmHalfDouble: true }), playlist('p2', 'Everything', 40)]);
    renderAt('/playlists');

    const warmUp = (await screen.findByRole('link', { name: 'Warm-up' })).closest('li')!;
    expect(warmUp.querySelector('a')!.getAttribute('href')).toBe('/playlists/p1');
    expect(within(warmUp).getByText('12')).toBeTruthy();
    expect(warmUp.textContent).toContain('genre house · BPM from 118 · or half/double');
    expect(screen.getByRole('link', { name: 'Everything' }).closest('li')!.textContent).toContain('every track');
  });

  it('renames a playlist, and says so when the name is taken', async () => {
    let renamed = false;
    const calls = stubApi((_url, init) => {
      if (init?.method === 'PATCH') {
        const { name } = JSON.parse(String(init.body)) as { name: string };
        if (name === 'Everything') return new Response(JSON.stringify({ status: 409, title: 'Playlist name taken' }), { status: 409 });
        renamed = true;
        return playlist('p1', name, 12);
      }
      return [playlist('p1', renamed ? 'Opening' : 'Warm-up', 12), playlist('p2', 'Everything', 40)];
    });
    renderAt('/playlists');
    fireEvent.click(await screen.findByRole('button', { name: 'Rename Warm-up' }));

    fireEvent.change(screen.getByLabelText('New name'), { target: { value: 'Everything' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You already have a playlist named "Everything".');

    fireEvent.change(screen.getByLabelText('New name'), { target: { value: 'Opening' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('link', { name: 'Opening' })).toBeTruthy();
    expect(calls.filter((c) => c.body !== undefined).map((c) => [c.url, c.body])).toEqual([
      ['/api/v1/library/playlists/p1', { name: 'Everything' }],
      ['/api/v1/library/playlists/p1', { name: 'Opening' }],
    ]);
  });

  it('deletes a playlist after confirming', async () => {
    let deleted = false;
    const methods: string[] = [];
    stubApi((_, init) => {
      methods.push(init?.method ?? 'GET');
      if (init?.method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
      return deleted ? [] : [playlist('p1', 'Warm-up', 12)];
    });
    renderAt('/playlists');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Warm-up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete playlist' }));

    expect(await screen.findByText('No playlists yet')).toBeTruthy();
    expect(methods).toContain('DELETE');
  });

  it('opens a playlist with its tracks as they are now and exports an M3U of signed links', async () => {
    const calls = stubApi((url, init) => {
      if (url.endsWith('/stream-links')) return signedLinks(init);
      if (url.includes('/tracks?')) return { items: [summary('a', '8A', 124, 0.8), summary('b', '9A', 62, 0.6)], page: 1, pageSize: 100, totalCount: 2 };
      return playlist('p1', 'Peak time', 2, { camelot: '8A', camelotNeighbours: true });
    });
    const downloads = captureDownloads();
    renderAt('/playlists/p1');

    expect(await screen.findByRole('heading', { name: 'Peak time' })).toBeTruthy();
    const tracks = await screen.findByRole('list', { name: 'Tracks of Peak time' });
    expect(within(tracks).getAllByRole('link').map((l) => l.textContent)).toEqual(['Track a', 'Track b']);
    expect(screen.getByRole('link', { name: 'Open in library' }).getAttribute('href')).toBe('/library?camelot=8A&camelotNeighbours=true');

    fireEvent.click(screen.getByRole('button', { name: 'Export M3U' }));
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe('Peak-time.m3u');
    expect((await downloads[0].text()).split('\n').filter((l) => l.startsWith('http'))).toEqual(
      ['a', 'b'].map((id) => `${window.location.origin}${signedPath(id)}`));
    expect(calls.some((c) => c.url === '/api/v1/library/playlists/p1/tracks?page=1&pageSize=100')).toBe(true);
  });

  it('says so for a playlist that is not there (or not the user\'s)', async () => {
    stubApi(() => new Response(JSON.stringify({ status: 404, title: 'Not Found', detail: 'No such playlist.' }), { status: 404 }));
    renderAt('/playlists/nope');
    expect((await screen.findByRole('alert')).textContent).toBe('No such playlist: it was deleted, or is not yours.');
  });

  it('describes a filter by its labels, leaving out what is not set', () => {
    expect(describeFilter(playlist('p', 'x', 0, { q: null, camelot: '8A', camelotNeighbours: true, loudnessMax: -6, bpmHalfDouble: false }))).toBe(
      'Camelot 8A · and neighbours · LUFS to -6');
  });
});
