import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureDownloads, signedLinks, signedPath, stubApi, summary } from '../mixing/testTracks';
import SetPage from './SetPage';

const plan = {
  compatibleTransitions: 2,
  transitions: 3,
  steps: [
    { track: summary('a', '8A', 120, 0.3), targetEnergy: 0.3, transition: null },
    { track: summary('b', '9A', 122, 0.6), targetEnergy: 0.6, transition: { keyTransition: 'adjacent', compatible: true, reason: '8A → 9A, +1.7 % tempo, energy up', cost: 0.1 } },
    { track: summary('c', '11A', 124, 0.9), targetEnergy: 0.9, transition: { keyTransition: 'energyBoost', compatible: true, reason: '9A → 11A (energy boost), +1.6 % tempo, energy up', cost: 0.3 } },
    { track: summary('d', '3B', 100, 0.4), targetEnergy: 0.4, transition: { keyTransition: 'clash', compatible: false, reason: '11A → 3B (keys clash), energy down', cost: 1.5 } },
  ],
};

describe('set page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const renderAt = (url: string) => render(
    <MemoryRouter initialEntries={[url]}>
      <Routes><Route path="/sets" element={<SetPage />} /></Routes>
    </MemoryRouter>,
  );

  it('orders the selected tracks and shows each step with its key, tempo and the quality of its transition', async () => {
    const calls = stubApi(() => plan);
    renderAt('/sets?ids=d,c,b,a');

    expect(await screen.findByText('Harmonic set · 4 tracks')).toBeTruthy();
    expect(calls).toEqual([{ url: '/api/v1/library/sets', body: { trackIds: ['d', 'c', 'b', 'a'], shape: 'arc', tolerance: 6, halfDouble: null } }]);
    const steps = screen.getAllByRole('listitem');
    expect(steps.map((li) => within(li).getByRole('link').textContent)).toEqual(['Track a', 'Track b', 'Track c', 'Track d']);
    expect(steps[0].textContent).toContain('8A');
    expect(steps[0].textContent).toContain('120.0');
    expect(steps[1].querySelector('.set-transition')!.textContent).toBe('Smooth8A → 9A, +1.7 % tempo, energy up');
    expect(steps[2].querySelector('.quality')!.textContent).toBe('Boost');
    expect(steps[3].querySelector('.quality')!.textContent).toBe('Rough');
    expect(screen.getByText(/transitions mix harmonically/).textContent).toBe('2 of 3 transitions mix harmonically');
    expect(document.querySelectorAll('.energy-curve circle')).toHaveLength(4);
  });

  it('orders what the library filter matches, and orders again with the shape and tempo range chosen', async () => {
    const calls = stubApi((url) => (url.startsWith('/api/v1/audio?')
      ? { items: plan.steps.map((s) => s.track), page: 1, pageSize: 100, totalCount: 4 }
      : plan));
    renderAt('/sets?genre=house&bpmMin=118');
    await screen.findByText('Harmonic set · 4 tracks');
    const list = new URL(calls[0].url, 'http://x').searchParams;
    expect([list.get('genre'), list.get('bpmMin'), list.get('pageSize')]).toEqual(['house', '118', '100']);
    expect(calls[1].body).toMatchObject({ trackIds: ['a', 'b', 'c', 'd'], shape: 'arc' });

    fireEvent.change(screen.getByLabelText('Energy shape'), { target: { value: 'rising' } });
    await vi.waitFor(() => expect(calls.at(-1)!.body).toMatchObject({ shape: 'rising', tolerance: 6 }));
    fireEvent.change(screen.getByLabelText('Tempo range'), { target: { value: '10' } });
    await vi.waitFor(() => expect(calls.at(-1)!.body).toMatchObject({ shape: 'rising', tolerance: 10 }));
  });

  it('exports the set in its order: M3U of signed links for a player, CSV with each transition', async () => {
    const calls = stubApi((url, init) => (url.endsWith('/stream-links') ? signedLinks(init) : plan));
    const downloads = captureDownloads();
    renderAt('/sets?ids=a,b,c,d');
    await screen.findByText('Harmonic set · 4 tracks');

    fireEvent.click(screen.getByRole('button', { name: 'Export M3U' }));
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(downloads.map((d) => d.name)).toEqual(['set.m3u', 'set.csv']);
    expect(calls.at(-1)).toEqual({ url: '/api/v1/audio/stream-links', body: { trackIds: ['a', 'b', 'c', 'd'], expiresInHours: null } });
    const m3u = (await downloads[0].text()).split('\n');
    expect(m3u[0]).toBe('#EXTM3U');
    expect(m3u.filter((line) => line.startsWith('http'))).toEqual(['a', 'b', 'c', 'd'].map((id) => `${window.location.origin}${signedPath(id)}`));
    const csv = (await downloads[1].text()).trimEnd().split('\r\n');
    expect(csv[0]).toBe('position,trackId,title,artist,fileName,durationSeconds,tempoBpm,key,camelot,energy,transition,quality,streamUrl');
    expect(csv[2]).toContain(',b,Track b,,b.wav,200.4,122,,9A,0.6,"8A → 9A, +1.7 % tempo, energy up",smooth,');
    expect(csv[4]).toContain(',rough,');
  });

  it('a single track is not a set: it says so and sends nothing', async () => {
    const calls = stubApi(() => plan);
    renderAt('/sets?ids=a');
    expect(await screen.findByText('A set needs two tracks or more')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
