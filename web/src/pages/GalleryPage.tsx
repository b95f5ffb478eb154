import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../api/client';
import { listAllTracks, streamUrl } from '../api/tracks';
import type { Analysis, Track } from '../api/types';
import { camelotHue, labelHue } from '../charts/stats';
import { useRefreshOnTrackEvents } from '../live/LiveContext';
import { topLabel, formatTempo, hasTempo } from '../lib/format';
import { NUMERIC_FIELDS, pca2d } from '../lib/pca';
import { useAsync } from '../lib/useAsync';
import { SkeletonPanel } from '../ui/Skeleton';
import { useTitle } from '../lib/useTitle';

type ColourBy = 'genre' | 'key';

interface Point {
  track: Track;
  x: number;
  y: number;
}

/** The vector each track is placed by: the embedding when the API gives one, else the engine's feature vector, else the numeric fields. */
function vectors(tracks: Track[]): { rows: number[][]; source: string } {
  const pick = (key: 'embedding' | 'featureVector') => {
    const length = tracks[0]?.analysis?.[key]?.length ?? 0;
    return length > 0 && tracks.every((t) => t.analysis?.[key]?.length === length)
      ? tracks.map((t) => (t.analysis![key] as number[]).map((v) => (Number.isFinite(v) ? v : 0)))
      : null;
  };
  const embedding = pick('embedding');
  if (embedding) return { rows: embedding, source: 'similarity embeddings' };
  const features = pick('featureVector');
  if (features) return { rows: features, source: 'the analysis feature vectors' };
  return {
    rows: tracks.map((t) => NUMERIC_FIELDS.map((f) => {
      const v = t.analysis?.[f as keyof Analysis];
      return typeof v === 'number' && Number.isFinite(v) ? v : 0;
    })),
    source: 'tempo, loudness, energy and timbre',
  };
}

function colour(track: Track, by: ColourBy): string {
  if (by === 'key') {
    const code = track.analysis?.camelot;
    return code ? `hsl(${camelotHue(code)} 85% ${code.endsWith('B') ? 65 : 55}%)` : 'hsl(220 10% 65%)';
  }
  const genre = topLabel(track.analysis?.genres);
  return genre ? `hsl(${labelHue(genre)} 80% 62%)` : 'hsl(220 10% 65%)';
}

function legendOf(tracks: Track[], by: ColourBy): { name: string; colour: string }[] {
  const seen = new Map<string, string>();
  for (const t of tracks) {
    const name = by === 'key' ? t.analysis?.camelot : topLabel(t.analysis?.genres);
    if (name && !seen.has(name)) seen.set(name, colour(t, by));
  }
  return [...seen.entries()].map(([name, c]) => ({ name, colour: c })).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })).slice(0, 24);
}

export default function GalleryPage() {
  useTitle('Gallery');
  const version = useRefreshOnTrackEvents(['analysisCompleted', 'trackDeleted']);
  const state = useAsync((signal) => listAllTracks(signal), [version]);
  const [by, setBy] = useState<ColourBy>('genre');
  const [hovered, setHovered] = useState<Point | null>(null);
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

  const { points, source } = useMemo(() => {
    const analysed = (state.data?.tracks ?? []).filter((t) => t.status === 'analyzed' && t.analysis);
    if (analysed.length === 0) return { points: [] as Point[], source: '' };
    const { rows, source } = vectors(analysed);
    const projected = pca2d(rows);
    const xs = projected.map((p) => p[0]);
    const ys = projected.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return {
      source,
      points: analysed.map((track, i) => ({
        track,
        x: x1 > x0 ? (projected[i][0] - x0) / (x1 - x0) : 0.5,
        y: y1 > y0 ? (projected[i][1] - y0) / (y1 - y0) : 0.5,
      })),
    };
  }, [state.data]);

  const show = (p: Point | null) => {
    setHovered(p);
    const el = audio.current;
    if (!el || !preview) return;
    if (!p) {
      el.pause();
      return;
    }
    el.src = streamUrl(p.track.id);
    el.currentTime = (p.track.analysis?.durationSeconds ?? 0) * 0.3;
    void el.play().catch(() => {});
  };

  if (state.status === 'error' && !state.data) {
    return <section className="panel" role="alert"><h1>Gallery</h1><p>The library could not be loaded: {describeError(state.error)}</p></section>;
  }
  if (!state.data) return <div className="page"><h1>Gallery</h1><SkeletonPanel label="Loading the map" height="24rem" /></div>;

  const w = 1000;
  const h = 640;
  const legend = legendOf(points.map((p) => p.track), by);
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
            {points.length} tracks placed by {source}: nearby tracks sound alike. Hover or focus a dot to preview, click or press Enter to open.
          </p>
          <div className="gallery panel glass">
            <svg ref={measureMap} viewBox={`0 0 ${w} ${h}`} className="gallery-map" role="group" aria-label="Map of your library by similarity">
              {points.map((p) => {
                const cx = pad + p.x * (w - 2 * pad);
                const cy = pad + (1 - p.y) * (h - 2 * pad);
                const label = `${p.track.title || p.track.fileName}: ${topLabel(p.track.analysis?.genres) ?? 'no genre'}, ${p.track.analysis?.camelot ?? 'no key'}, ${hasTempo(p.track.analysis?.tempoBpm) ? formatTempo(p.track.analysis?.tempoBpm, 0) : 'no tempo'}`;
                return (
                  <circle
                    key={p.track.id}
                    cx={cx}
                    cy={cy}
                    r={hovered?.track.id === p.track.id ? radius * 1.5 : radius}
                    fill={colour(p.track, by)}
                    className="map-dot"
                    tabIndex={0}
                    role="link"
                    aria-label={label}
                    onMouseEnter={() => show(p)}
                    onMouseLeave={() => show(null)}
                    onFocus={() => show(p)}
                    onBlur={() => show(null)}
                    onClick={() => navigate(`/tracks/${p.track.id}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/tracks/${p.track.id}`)}
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
                <strong>{hovered.track.title || hovered.track.fileName}</strong>
                {hovered.track.artist && <span className="muted">{hovered.track.artist}</span>}
                <span className="small">
                  {[topLabel(hovered.track.analysis?.genres), topLabel(hovered.track.analysis?.moods), hovered.track.analysis?.camelot,
                    hasTempo(hovered.track.analysis?.tempoBpm) ? formatTempo(hovered.track.analysis?.tempoBpm, 0) : undefined].filter(Boolean).join(' · ')}
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
