import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Waveform } from '../api/types';
import { formatDuration } from '../lib/format';

/**
 * Precomputed peaks drawn once per size on a canvas, the beat grid over them, and a playhead. Click
 * (or arrow keys) to seek. The playhead is a positioned element, so playing redraws nothing.
 */
export function WaveformView({ waveform, beats, duration, currentTime, onSeek }: {
  waveform: Waveform;
  beats: number[];
  duration: number;
  currentTime: number;
  onSeek: (seconds: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(200, Math.round(entries[0].contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const total = duration > 0 ? duration : waveform.min.length * waveform.secondsPerPoint;

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext?.('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const height = 140;
    c.width = width * dpr;
    c.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const mid = height / 2;
    const gradient = ctx.createLinearGradient(0, 0, width, 0);
    gradient.addColorStop(0, 'hsl(220 90% 60%)');
    gradient.addColorStop(0.5, 'hsl(270 85% 65%)');
    gradient.addColorStop(1, 'hsl(180 95% 55%)');
    ctx.fillStyle = gradient;
    const n = waveform.min.length;
    for (let x = 0; x < width; x++) {
      const from = Math.floor((x / width) * n);
      const to = Math.max(from + 1, Math.floor(((x + 1) / width) * n));
      let lo = 0;
      let hi = 0;
      for (let i = from; i < to && i < n; i++) {
        lo = Math.min(lo, waveform.min[i]);
        hi = Math.max(hi, waveform.max[i]);
      }
      const top = mid - hi * (mid - 4);
      const bottom = mid - lo * (mid - 4);
      ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
    }
    if (total > 0 && beats.length > 0) {
      ctx.fillStyle = 'hsla(0 0% 98% / 0.22)';
      const every = Math.max(1, Math.ceil(beats.length / (width / 4)));
      for (let i = 0; i < beats.length; i += every) {
        ctx.fillRect(Math.round((beats[i] / total) * width), 0, 1, height);
      }
    }
  }, [waveform, beats, width, total]);

  const seekAt = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0 || total <= 0) return;
    onSeek(Math.max(0, Math.min(total, ((event.clientX - rect.left) / rect.width) * total)));
  }, [onSeek, total]);

  const onKey = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 30 : 5;
    const moves: Record<string, number> = { ArrowRight: step, ArrowLeft: -step, ArrowUp: step, ArrowDown: -step, PageUp: 30, PageDown: -30 };
    if (event.key in moves) onSeek(Math.max(0, Math.min(total, currentTime + moves[event.key])));
    else if (event.key === 'Home') onSeek(0);
    else if (event.key === 'End') onSeek(Math.max(0, total - 1));
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={box}
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label="Playback position (click or use the arrow keys to seek)"
      aria-valuemin={0}
      aria-valuemax={Math.round(total)}
      aria-valuenow={Math.round(currentTime)}
      aria-valuetext={`${formatDuration(currentTime)} of ${formatDuration(total)}`}
      onClick={seekAt}
      onKeyDown={onKey}
    >
      <canvas ref={canvas} style={{ width: '100%', height: 140 }} aria-hidden="true" />
      <span className="playhead" style={{ left: `${total > 0 ? (currentTime / total) * 100 : 0}%` }} aria-hidden="true" />
    </div>
  );
}
