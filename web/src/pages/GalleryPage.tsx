import { useCallback, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../api/client';
import { getMap, streamUrl } from '../api/tracks';
import type { MapPoint } from '../api/types';
import { camelotHue, labelHue } from '../charts/stats';
import { useRefreshOnTrackEvents } from '../live/LiveContext';
import { formatTempo, hasTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { SkeletonPanel } from '../ui/Skeleton';
import { useTitle } from '../lib/useTitle';

type ColourBy = 'genre' | 'key';

function colour(point: MapPoint, by: ColourBy): string {
  if (by === 'key') {
    const code = point.camelot;
    return code ? `hsl(${camelotHue(code)} 85% ${code.endsWith('B') ? 65 : 55}%)` : 'hsl(220 10% 65%)';
  }
  return point.genre ? `hsl(${labelHue(point.genre)} 80% 62%)` : 'hsl(220 10% 65%)';
}

function legendOf(points: MapPoint[], by: ColourBy): { name: string; colour: string }[] {
  const seen = new Map<string, string>();
  for (const p of points) {
    const name = by === 'key' ? p.camelot : p.genre;
    if (name && !seen.has(name)) seen.set(name, colour(p, by));
  }
  return [...seen.entries()].map(([name, c]) => ({ name, colour: c })).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })).slice(0, 24);
}

export default function GalleryPage() {
  useTitle('Gallery');
  const version = useRefreshOnTrackEvents(['analysisCompleted', 'trackDeleted']);
  // The server places the tracks (PCA of the similarity embeddings); the page only draws them.
  const state = useAsync((signal) => getMap('', signal), [version]);
  const [by, setBy] = useState<ColourBy>('genre');
  const [hovered, setHovered] = useState<MapPoint | null>(null);
  const [preview, setPreview] = useState(false);
  const audio = useRef<HTMLAudioElement>(null);
  const [mapWidth, setMapWidth] = useState(0);
  const measureMap = useCallback((el: SVGSVGElement | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => setMapWidth(entries[0].contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const navigate = useNavigate();

  const show = (p: MapPoint | null) => {
    setHovered(p);
    const el = audio.current;
    if (!el || !preview) return;
    if (!p) {
      el.pause();
      return;
    }
    el.src = streamUrl(p.id);
    el.currentTime = (p.durationSeconds ?? 0) * 0.3;
    void el.play().catch(() => {});
  };

  if (state.status === 'error' && !state.data) {
    return <section className="panel" role="alert"><h1>Gallery</h1><p>The library could not be loaded: {describeError(state.error)}</p></section>;
  }
  if (!state.data) return <div className="page"><h1>Gallery</h1><SkeletonPanel label="Loading the map" height="24rem" /></div>;

  const w = 1000;
  const h = 640;
  const { points, trackCount, truncated } = state.data;
  const legend = legendOf(points, by);
  // The map is drawn at any width: dots keep an 8 px radius on screen (a fingertip on a phone), not 7 viewBox units.
  const radius = mapWidth > 0 ? Math.max(7, (8 * w) / mapWidth) : 7;
  const pad = Math.max(30, radius * 1.5 + 2);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Gallery</h1>
        <div className="row">
          <fieldset className="segmented">
            <legend className="visually-hidden">Colour by</legend>
            {(['genre', 'key'] as const).map((option) => (
              <label key={option} className={by === option ? 'on' : ''}>
                <input type="radio" name="colour-by" value={option} checked={by === option} onChange={() => setBy(option)} />
                {option === 'genre' ? 'Genre' : 'Key'}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={preview} onChange={(e) => { setPreview(e.target.checked); if (!e.target.checked) audio.current?.pause(); }} />
            Play on hover
          </label>
        </div>
      </div>
      {points.length === 0 ? (
        <div className="panel empty">
          <h2>Nothing to map yet</h2>
          <p className="muted">The map shows your analysed tracks by how they sound.</p>
          <Link className="button primary" to="/upload">Upload tracks</Link>
        </div>
      ) : (
        <>
          <p className="muted small">
            {points.length} tracks placed by their similarity embeddings{truncated ? ` (the newest of ${trackCount})` : ''}: nearby tracks sound alike. Hover or focus a dot to preview, click or press Enter to open.
          </p>
          <div className="gallery panel glass">
            <svg ref={measureMap} viewBox={`0 0 ${w} ${h}`} className="gallery-map" role="group" aria-label="Map of your library by similarity">
              {points.map((p) => {
                const cx = pad + p.x * (w - 2 * pad);
                const cy = pad + (1 - p.y) * (h - 2 * pad);
                const label = `${p.title}: ${p.genre ?? 'no genre'}, ${p.camelot ?? 'no key'}, ${hasTempo(p.tempoBpm) ? formatTempo(p.tempoBpm, 0) : 'no tempo'}`;
                return (
                  <circle
                    key={p.id}
                    cx={cx}
                    cy={cy}
                    r={hovered?.id === p.id ? radius * 1.5 : radius}
                    fill={colour(p, by)}
                    className="map-dot"
                    tabIndex={0}
                    role="link"
                    aria-label={label}
                    onMouseEnter={() => show(p)}
                    onMouseLeave={() => show(null)}
                    onFocus={() => show(p)}
                    onBlur={() => show(null)}
                    onClick={() => navigate(`/tracks/${p.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/tracks/${p.id}`)}
                  />
                );
              })}
            </svg>
            {hovered && (
              <div
                className="map-card glass"
                style={{ left: `${Math.min(70, hovered.x * 100)}%`, top: `${Math.min(75, (1 - hovered.y) * 100)}%` }}
                aria-live="polite"
              >
                <strong>{hovered.title}</strong>
                {hovered.artist && <span className="muted">{hovered.artist}</span>}
                <span className="small">
                  {[hovered.genre, hovered.mood, hovered.camelot,
                    hasTempo(hovered.tempoBpm) ? formatTempo(hovered.tempoBpm, 0) : undefined].filter(Boolean).join(' · ')}
                </span>
              </div>
            )}
          </div>
          <ul className="legend" aria-label={`Colours by ${by}`}>
            {legend.map((l) => (
              <li key={l.name}><span className="swatch" style={{ background: l.colour }} aria-hidden="true" />{l.name}</li>
            ))}
          </ul>
        </>
      )}
      <audio ref={audio} preload="none" aria-hidden="true" />
    </div>
  );
}
