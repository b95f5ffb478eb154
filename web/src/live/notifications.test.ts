// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotificationClient, backoffDelay, DEFAULT_BACKOFF, type Notification, type SocketLike } from './notifications';

/** Stands in for the browser WebSocket: the test opens, feeds and drops it. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  open() {
    this.onopen?.({});
  }

  send(message: Partial<Notification>) {
    this.onmessage?.({ data: JSON.stringify({ trackId: null, occurredAt: '2026-01-01T00:00:00Z', data: null, ...message }) });
  }

  drop() {
    this.closed = true;
    this.onclose?.({ code: 1006 });
  }

  close() {
    this.closed = true;
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

function client() {
  return new NotificationClient({
    url: (since) => `ws://test/api/v1/ws${since === undefined ? '' : `?since=${since}`}`,
    createSocket: (url) => new FakeSocket(url),
    backoff: { initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0 },
    silenceTimeoutMs: 60_000,
  });
}

describe('notification WebSocket client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('delivers events in order and remembers the last sequence number', () => {
    const c = client();
    const seen: number[] = [];
    c.onEvent((n) => seen.push(n.seq));
    c.start();
    latest().open();
    latest().send({ seq: 1, type: 'trackUploaded', trackId: 't1' });
    latest().send({ seq: 2, type: 'analysisStarted', trackId: 't1' });
    latest().send({ seq: 2, type: 'heartbeat' });
    expect(seen).toEqual([1, 2]);
    expect(c.lastSeq).toBe(2);
  });

  it('reconnects with exponential back-off and resumes with since= the last sequence number', () => {
    const c = client();
    const seen: number[] = [];
    c.onEvent((n) => seen.push(n.seq));
    c.start();
    expect(latest().url).toBe('ws://test/api/v1/ws');
    latest().open();
    latest().send({ seq: 7, type: 'analysisProgress', trackId: 't1', data: { stage: 'rhythm', percent: 60 } });

    latest().drop();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().url).toBe('ws://test/api/v1/ws?since=7');

    // The server is still away: each failed attempt waits twice as long, up to the cap.
    latest().drop();
    vi.advanceTimersByTime(1999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    latest().drop();
    vi.advanceTimersByTime(4000);
    expect(FakeSocket.all).toHaveLength(4);
    latest().drop();
    vi.advanceTimersByTime(8000);
    expect(FakeSocket.all).toHaveLength(5);
    latest().drop();
    vi.advanceTimersByTime(8000);
    expect(FakeSocket.all).toHaveLength(6);
    expect(latest().url).toBe('ws://test/api/v1/ws?since=7');

    // Back: the replay arrives, and a duplicate of an event already seen is ignored.
    latest().open();
    latest().send({ seq: 7, type: 'analysisProgress', trackId: 't1' });
    latest().send({ seq: 8, type: 'analysisCompleted', trackId: 't1' });
    expect(seen).toEqual([7, 8]);

    // A message resets the back-off: the next drop waits the initial delay again.
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(7);
    expect(latest().url).toBe('ws://test/api/v1/ws?since=8');
  });

  it('on resyncRequired it asks for a reload and continues from the server position', () => {
    const c = client();
    const resyncs = vi.fn();
    const seen: number[] = [];
    c.onResync(resyncs);
    c.onEvent((n) => seen.push(n.seq));
    c.start();
    latest().open();
    latest().send({ seq: 5, type: 'trackUploaded', trackId: 't1' });
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://test/api/v1/ws?since=5');

    // The Notify service restarted: its numbering began again and it cannot replay.
    latest().open();
    latest().send({ seq: 2, type: 'resyncRequired' });
    expect(resyncs).toHaveBeenCalledTimes(1);
    latest().send({ seq: 3, type: 'analysisCompleted', trackId: 't2' });
    expect(seen).toEqual([5, 3]);
    expect(c.lastSeq).toBe(3);

    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://test/api/v1/ws?since=3');
  });

  it('a reconnect with no position to resume from triggers a reload', () => {
    const c = client();
    const resyncs = vi.fn();
    c.onResync(resyncs);
    c.start();
    latest().open();
    expect(resyncs).not.toHaveBeenCalled();
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe('ws://test/api/v1/ws');
    latest().open();
    expect(resyncs).toHaveBeenCalledTimes(1);
  });

  it('a connection that goes silent (no heartbeat) is replaced', () => {
    const c = new NotificationClient({
      url: (since) => `ws://test/ws?since=${since}`,
      createSocket: (url) => new FakeSocket(url),
      backoff: { initialMs: 500, jitter: 0 },
      silenceTimeoutMs: 45_000,
    });
    c.start();
    latest().open();
    latest().send({ seq: 1, type: 'trackUploaded', trackId: 't' });
    vi.advanceTimersByTime(44_000);
    latest().send({ seq: 1, type: 'heartbeat' });
    vi.advanceTimersByTime(44_000);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.all[0].closed).toBe(true);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().url).toBe('ws://test/ws?since=1');
  });

  it('stop() closes the socket and never reconnects', () => {
    const c = client();
    c.start();
    latest().open();
    const socket = latest();
    c.stop();
    expect(socket.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(c.state).toBe('stopped');
  });

  it('the back-off delay doubles, is capped, and jitter only shortens it', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, DEFAULT_BACKOFF, () => 0))).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 1)).toBe(Math.round(4000 * (1 - DEFAULT_BACKOFF.jitter)));
  });
});
