import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { WaveformView } from './WaveformView';

const waveform = { min: Array(100).fill(-0.5), max: Array(100).fill(0.5), secondsPerPoint: 2 };

describe('waveform seeking', () => {
  it('a click seeks to the same fraction of the track', () => {
    const onSeek = vi.fn();
    render(<WaveformView waveform={waveform} beats={[]} duration={200} currentTime={0} onSeek={onSeek} />);
    const slider = screen.getByRole('slider');
    slider.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 140, right: 500, bottom: 140, x: 100, y: 0, toJSON() {} });
    fireEvent.click(slider, { clientX: 200 });
    expect(onSeek).toHaveBeenCalledWith(50);
  });

  it('arrow keys move 5 s (30 s with Shift), Home goes to the start, within the track', () => {
    const onSeek = vi.fn();
    render(<WaveformView waveform={waveform} beats={[]} duration={200} currentTime={198} onSeek={onSeek} />);
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('aria-valuetext')).toBe('3:18 of 3:20');
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: 'ArrowLeft', shiftKey: true });
    fireEvent.keyDown(slider, { key: 'Home' });
    expect(onSeek.mock.calls.map((c) => c[0])).toEqual([193, 200, 168, 0]);
  });

  it('without a known duration the peaks give the length', () => {
    const onSeek = vi.fn();
    render(<WaveformView waveform={waveform} beats={[]} duration={0} currentTime={0} onSeek={onSeek} />);
    expect(screen.getByRole('slider').getAttribute('aria-valuemax')).toBe('200');
  });
});
