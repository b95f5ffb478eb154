import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../api/client';
import { getPath } from '../api/mixing';
import { getMap, streamUrl } from '../api/tracks';
import type { MapPoint, PathStep } from '../api/types';
import { camelotHue, labelHue } from '../charts/stats';
import { useRefreshOnTrackEvents } from '../live/LiveContext';
import { formatTempo, hasTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { ExportButtons } from '../mixing/ExportButtons';
import { Skeleton, SkeletonPanel } from '../ui/Skeleton';
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

/** The path's list under the map: each step's title, key and tempo, how far along it lies, and the export. */
function PathList({ state, names }: { state: { status: string; data?: PathStep[] | null; error?: unknown }; names: string }) {
  let body: ReactNode;
  if (state.status === 'error') body = <p className="muted" role="alert">{describeError(state.error)}</p>;
  else if (!state.data) body = <Skeleton height="4rem" />;
  else {
    body = (
      <>
        <ol className="similar path-steps">
          {state.data.map(({ track, progress }) => (
            <li key={track.id}>
              <Link to={`/tracks/${track.id}`} className="similar-row">
                <span className="recent-title">{track.title || track.fileName}</span>
                <span className="chip">{Math.round(progress * 100)}% of the way</span>
                <span className="muted small">{[track.analysis?.camelot, hasTempo(track.analysis?.tempoBpm) ? formatTempo(track.analysis?.tempoBpm, 0) : undefined].filter(Boolean).join(' · ')}</span>
              </Link>
            </li>
          ))}
        </ol>
        <ExportButtons name={`path-${names}`} rows={state.data.map((step) => ({ track: step.track, extra: { progress: step.progress.toFixed(3) } }))} />
      </>
    );
  }
  return (
    <section className="panel glass" aria-labelledby="path-title">
      <h2 id="path-title">Path</h2>
      {body}
    </section>
  );
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
  // In path mode a click picks the path's ends (A, then B) instead of opening the track.
  const [pathMode, setPathMode] = useState(false);
  const [ends, setEnds] = useState<string[]>([]);
  const path = useAsync((signal) => (ends.length === 2 ? getPath(ends[0], ends[1], 8, signal) : Promise.resolve(null)), [ends.join()]);
  const pick = (p: MapPoint) => {
    if (!pathMode) {
      navigate(`/tracks/${p.id}`);
      return;
    }
    setEnds((current) => (current.length === 1 && current[0] !== p.id ? [current[0], p.id] : [p.id]));
  };

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
  const byId = new Map(points.map((p) => [p.id, p]));
  // The path joins the steps the map shows (a step outside the newest tracks mapped is left out of the line, not the list).
  const pathLine = path.data
    ?.map((step) => byId.get(step.track.id))
    .filter((p): p is MapPoint => Boolean(p))
    .map((p) => `${(pad + p.x * (w - 2 * pad)).toFixed(1)},${(pad + (1 - p.y) * (h - 2 * pad)).toFixed(1)}`)
    .join(' ');
  const endNames = ends.map((id) => byId.get(id)?.title ?? '').join('-to-');

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
            <input type="checkbox" checked={pathMode} onChange={(e) => { setPathMode(e.target.checked); setEnds([]); }} />
            Find a path
          </label>
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
          {pathMode && (
            <p className="path-hint small" aria-live="polite">
              {ends.length === 0 ? 'Pick the track the path starts from (A).' : ends.length === 1 ? `From ${byId.get(ends[0])?.title ?? 'A'}: now pick where it ends (B).` : `From ${byId.get(ends[0])?.title} to ${byId.get(ends[1])?.title}. Pick again to start a new path.`}
            </p>
          )}
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
                    className={ends.includes(p.id) ? "map-dot map-dot-end" : "map-dot"}
                    tabIndex={0}
                    role="link"
                    aria-label={label}
                    onMouseEnter={() => show(p)}
                    onMouseLeave={() => show(null)}
                    onFocus={() => show(p)}
                    onBlur={() => show(null)}
                    onClick={() => pick(p)}
                    onKeyDown={(e) => e.key === 'Enter' && pick(p)}
                  />
                );
              })}
              {pathLine && <polyline points={pathLine} className="map-path" />}
              {ends.map((id, i) => {
                const p = byId.get(id);
                return p ? <text key={id} x={pad + p.x * (w - 2 * pad)} y={pad + (1 - p.y) * (h - 2 * pad) - radius * 1.8} className="map-end">{i === 0 ? 'A' : 'B'}</text> : null;
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
      {ends.length === 2 && <PathList state={path} names={endNames} />}
      <audio ref={audio} preload="none" aria-hidden="true" />
    </div>
  );
}
