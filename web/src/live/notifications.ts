/** One message of the notification WebSocket (services/Notify/Hub/Notification.cs). */
export interface Notification {
  seq: number;
  type: NotificationType | string;
  trackId: string | null;
  occurredAt: string;
  data: Record<string, unknown> | null;
}

export type NotificationType =
  | 'trackUploaded'
  | 'analysisStarted'
  | 'analysisProgress'
  | 'analysisCompleted'
  | 'analysisFailed'
  | 'trackDeleted'
  | 'trackCorrected'
  | 'resyncRequired'
  | 'heartbeat';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped';

/** The part of the browser WebSocket the client uses, so tests can hand it a fake. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the share of each delay that is randomised, so many tabs do not reconnect in step. */
  jitter: number;
}

export interface NotificationClientOptions {
  /** Builds the socket URL; `since` is the last sequence number seen, when there is one. */
  url: (since: number | undefined) => string;
  createSocket?: (url: string) => SocketLike;
  backoff?: Partial<BackoffOptions>;
  /** No message at all (the server sends heartbeats) for this long: the connection is presumed dead. */
  silenceTimeoutMs?: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.3 };

/** The delay before reconnect attempt `attempt` (0 for the first): exponential, capped, jittered downwards. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
  return Math.round(base * (1 - options.jitter * random()));
}

export function notificationUrl(since: number | undefined, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = since === undefined ? '' : `?since=${since}`;
  return `${scheme}://${location.host}/api/v1/ws${query}`;
}

type Listener<T> = (value: T) => void;

/**
 * The user's live events. Reconnects with exponential back-off and resumes from the last sequence
 * number it saw (`?since=`), so nothing is missed across a dropped connection; when the server can no
 * longer replay everything (`resyncRequired`), or the client never had a position to resume from,
 * resync listeners are told to reload their state.
 */
export class NotificationClient {
  private readonly options: NotificationClientOptions;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private socket: SocketLike | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private connectedBefore = false;
  private _lastSeq: number | undefined;
  private _state: ConnectionState = 'idle';
  private readonly eventListeners = new Set<Listener<Notification>>();
  private readonly resyncListeners = new Set<Listener<void>>();
  private readonly stateListeners = new Set<Listener<ConnectionState>>();

  constructor(options: NotificationClientOptions) {
    this.options = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
  }

  get lastSeq(): number | undefined {
    return this._lastSeq;
  }

  get state(): ConnectionState {
    return this._state;
  }

  start(): void {
    if (this._state !== 'idle' && this._state !== 'stopped') return;
    this.connect();
  }

  stop(): void {
    this.setState('stopped');
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
      socket.close(1000, 'bye');
    }
  }

  /** Reconnect now (e.g. the browser came back online), skipping any back-off wait. */
  reconnectNow(): void {
    if (this._state === 'stopped' || this._state === 'idle' || this._state === 'open' || this._state === 'connecting') return;
    this.clearTimers();
    this.connect();
  }

  onEvent(listener: Listener<Notification>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onResync(listener: Listener<void>): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  onState(listener: Listener<ConnectionState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    this.setState(this.connectedBefore ? 'reconnecting' : 'connecting');
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.options.url(this._lastSeq));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const resumed = this.connectedBefore;
      this.connectedBefore = true;
      this.setState('open');
      this.armSilenceTimer();
      // Reconnected with no position to resume from: whatever happened meanwhile is unknown.
      if (resumed && this._lastSeq === undefined) this.emitResync();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.armSilenceTimer();
      this.handleMessage(event.data);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is done there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: Notification;
    try {
      message = JSON.parse(data) as Notification;
    } catch {
      return;
    }
    if (typeof message?.seq !== 'number' || typeof message.type !== 'string') return;

    switch (message.type) {
      case 'heartbeat':
        return;
      case 'resyncRequired':
        // The server's current position: the replay after this notice is covered by the reload.
        this._lastSeq = message.seq;
        this.emitResync();
        return;
      default:
        if (this._lastSeq !== undefined && message.seq <= this._lastSeq) return; // already seen
        this._lastSeq = message.seq;
        for (const listener of [...this.eventListeners]) listener(message);
    }
  }

  private scheduleReconnect(): void {
    if (this._state === 'stopped') return;
    this.clearTimers();
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    const timeout = this.options.silenceTimeoutMs ?? 45_000;
    this.silenceTimer = setTimeout(() => {
      const socket = this.socket;
      if (!socket) return;
      this.socket = null;
      socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
      socket.close(4000, 'silent');
      this.scheduleReconnect();
    }, timeout);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.reconnectTimer = this.silenceTimer = null;
  }

  private emitResync(): void {
    for (const listener of [...this.resyncListeners]) listener();
  }

  private setState(state: ConnectionState): void {
    if (this._state === state) return;
    this._state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}
