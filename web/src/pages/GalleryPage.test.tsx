import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from '../live/LiveContext';
import { stubApi, summary } from '../mixing/testTracks';
import GalleryPage from './GalleryPage';

const point = (id: string, x: number, y: number) => ({ id, title: `Track ${id}`, artist: null, x, y, genre: 'house', mood: null, camelot: '8A', tempoBpm: 120, energy: 0.5, durationSeconds: 200 });
const map = { points: [point('a', 0, 0), point('m', 0.5, 0.4), point('b', 1, 1), point('far', 0.1, 0.9)], trackCount: 4, truncated: false };
const path = { steps: [
  { track: summary('a', '8A', 120, 0.5), progress: 0 },
  { track: summary('m', '9A', 121, 0.6), progress: 0.5 },
  { track: summary('b', '10A', 122, 0.7), progress: 1 },
] };

describe('gallery path', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('in path mode two picks ask for the path between them, draw it through its steps and list it', async () => {
    const calls = stubApi((url) => (url.includes('/library/path') ? path : map));
    render(
      <MemoryRouter initialEntries={['/gallery']}>
        <LiveProvider enabled={false}>
          <Routes><Route path="/gallery" element={<GalleryPage />} /><Route path="/tracks/:id" element={<p>opened</p>} /></Routes>
        </LiveProvider>
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByLabelText('Find a path'));
    fireEvent.click(screen.getByRole('link', { name: /^Track a:/ }));
    expect(screen.getByText(/now pick where it ends/)).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: /^Track b:/ }));

    expect(await screen.findByText('50% of the way')).toBeTruthy();
    expect(calls.at(-1)!.url).toBe('/api/v1/library/path?from=a&to=b&steps=8');
    const line = document.querySelector('polyline.map-path')!.getAttribute('points')!.split(' ');
    expect(line).toHaveLength(3);
    expect(screen.queryByText('opened')).toBeNull();
    expect(screen.getByRole('region', { name: 'Path' }).querySelectorAll('li')).toHaveLength(3);
  });
});
