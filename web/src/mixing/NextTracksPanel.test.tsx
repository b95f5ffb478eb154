import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InstantMixPanel, NextTracksPanel } from './NextTracksPanel';
import { captureDownloads, signedLinks, signedPath, stubApi, summary } from './testTracks';

const next = {
  trackId: 'seed',
  items: [
    { track: summary('b', '9A', 122.2, 0.7), keyTransition: 'adjacent', tempoFactor: 1, tempoChangePercent: 1.8, energyChange: 0.1, reason: '8A → 9A, +1.8 % tempo, energy up' },
    { track: summary('c', '8B', 60, 0.6), keyTransition: 'relative', tempoFactor: 2, tempoChangePercent: 0, energyChange: 0, reason: '8A → 8B (relative key), +0.0 % tempo at half time, energy steady' },
  ],
};

describe('next tracks panel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const renderPanel = () => render(<MemoryRouter><NextTracksPanel trackId="seed" /></MemoryRouter>);
  const lastQuery = (calls: { url: string }[]) => new URL(calls.at(-1)!.url, 'http://x').searchParams;

  it('lists each suggestion with its reason, linking to the track', async () => {
    stubApi(() => next);
    renderPanel();

    const link = (await screen.findByText('8A → 9A, +1.8 % tempo, energy up')).closest('a')!;
    expect(link.getAttribute('href')).toBe('/tracks/b');
    expect(within(link).getByText('Track b')).toBeTruthy();
    expect(screen.getByText(/relative key/).closest('a')!.getAttribute('href')).toBe('/tracks/c');
  });

  it('asks with ±6 % and any energy by default, and again with each option the user changes', async () => {
    const calls = stubApi(() => next);
    renderPanel();
    await screen.findByText(/energy up/);
    expect(Object.fromEntries(lastQuery(calls))).toEqual({ tolerance: '6', direction: 'any', energyBoost: 'false', limit: '12' });

    fireEvent.change(screen.getByLabelText('Tempo range'), { target: { value: '10' } });
    fireEvent.click(screen.getByLabelText('Energy up'));
    fireEvent.click(screen.getByLabelText('Energy boost (+2)'));
    await vi.waitFor(() => expect(Object.fromEntries(lastQuery(calls))).toEqual({ tolerance: '10', direction: 'up', energyBoost: 'true', limit: '12' }));
    expect(calls[0].url.startsWith('/api/v1/audio/seed/next?')).toBe(true);
  });

  it('says why there are no suggestions when the track has no key (409), not that loading failed', async () => {
    stubApi(() => new Response(JSON.stringify({ status: 409, title: 'No key or tempo to mix from', detail: 'The track has no key: the analysis found no tonal centre.' }), { status: 409 }));
    renderPanel();
    expect(await screen.findByText(/The track has no key/)).toBeTruthy();
    expect(screen.queryByText(/could not be loaded/)).toBeNull();
  });
});

describe('instant mix panel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for nothing until asked, then for the chosen number of tracks, and exports them as M3U and CSV', async () => {
    const calls = stubApi((url, init) => (url.endsWith('/stream-links') ? signedLinks(init) : { trackId: 'seed', items: [
      { track: summary('b', '9A', 122, 0.7, { artist: 'Ann', title: 'Dawn, part 2' }), similarity: 0.91 },
      { track: summary('c', '8B', 120, 0.5), similarity: 0.8 },
    ] }));
    const downloads = captureDownloads();
    render(<MemoryRouter><InstantMixPanel trackId="seed" title="Seed" /></MemoryRouter>);
    expect(calls).toEqual([]);

    fireEvent.change(screen.getByLabelText('Tracks'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make a mix' }));
    expect(await screen.findByText('91% alike')).toBeTruthy();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/audio/seed/mix?count=40']);

    fireEvent.click(screen.getByRole('button', { name: 'Export M3U' }));
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloads.map((d) => d.name)).toEqual(['mix-Seed.m3u', 'mix-Seed.csv']);
    const origin = window.location.origin;
    expect(await downloads[0].text()).toBe(
      `#EXTM3U\n#EXTINF:200,Ann - Dawn, part 2\n${origin}${signedPath('b')}\n#EXTINF:200,Track c\n${origin}${signedPath('c')}\n`);
    const csv = (await downloads[1].text()).split('\r\n');
    expect(csv[0]).toBe('position,trackId,title,artist,fileName,durationSeconds,tempoBpm,key,camelot,energy,similarity,streamUrl');
    expect(csv[1]).toBe(`1,b,"Dawn, part 2",Ann,b.wav,200.4,122,,9A,0.7,0.910,${origin}/api/v1/audio/b/stream`);
  });
});
