import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { NotificationClient, notificationUrl, type ConnectionState, type Notification } from './notifications';
import { applyNotification, type LiveTrack } from './liveTracks';

interface LiveStore {
  client: NotificationClient;
  getTracks(): ReadonlyMap<string, LiveTrack>;
  subscribeTracks(listener: () => void): () => void;
}

const LiveContext = createContext<LiveStore | null>(null);

function createStore(client: NotificationClient): LiveStore {
  let tracks: ReadonlyMap<string, LiveTrack> = new Map();
  const listeners = new Set<() => void>();
  client.onEvent((n) => {
    const next = applyNotification(tracks, n);
    if (next !== tracks) {
      tracks = next;
      listeners.forEach((l) => l());
    }
  });
  return {
    client,
    getTracks: () => tracks,
    subscribeTracks(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Opens the user's notification socket while `enabled` (signed in) and shares it with every page. */
export function LiveProvider({ enabled, children, client }: { enabled: boolean; children: ReactNode; client?: NotificationClient }) {
  const storeRef = useRef<LiveStore | null>(null);
  if (!storeRef.current) {
    storeRef.current = createStore(client ?? new NotificationClient({ url: (since) => notificationUrl(since) }));
  }
  const store = storeRef.current;

  useEffect(() => {
    if (!enabled) return;
    store.client.start();
    const online = () => store.client.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      store.client.stop();
    };
  }, [enabled, store]);

  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

function useLiveStore(): LiveStore {
  const store = useContext(LiveContext);
  if (!store) throw new Error('LiveProvider is missing');
  return store;
}

/** Live state of every track events were seen for since the page loaded. */
export function useLiveTracks(): ReadonlyMap<string, LiveTrack> {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribeTracks, store.getTracks, store.getTracks);
}

export function useLiveTrack(id: string | undefined): LiveTrack | undefined {
  const tracks = useLiveTracks();
  return id ? tracks.get(id) : undefined;
}

export function useConnectionState(): ConnectionState {
  const { client } = useLiveStore();
  return useSyncExternalStore(
    (listener) => client.onState(() => listener()),
    () => client.state,
    () => client.state,
  );
}

/**
 * Calls `onEvent` for each live event and `onResync` when state must be reloaded (the server could not
 * replay everything missed). The latest callbacks are used without resubscribing.
 */
export function useLiveEvents(onEvent: (n: Notification) => void, onResync?: () => void): void {
  const { client } = useLiveStore();
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  useEffect(() => {
    const offEvent = client.onEvent((n) => handlers.current.onEvent(n));
    const offResync = client.onResync(() => handlers.current.onResync?.());
    return () => {
      offEvent();
      offResync();
    };
  }, [client]);
}

/**
 * A counter that increases whenever a page showing tracks should reload them: on the given events and
 * on a resync. A burst of events (a batch finishing) makes one reload, not one per event.
 */
export function useRefreshOnTrackEvents(types: readonly string[] = DEFAULT_REFRESH_TYPES, delayMs = 400): number {
  const [version, setVersion] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wanted = useMemo(() => new Set(types), [types]);
  const bump = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setVersion((v) => v + 1);
    }, delayMs);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvents((n) => {
    if (wanted.has(n.type)) bump();
  }, bump);
  return version;
}

// trackCorrected: the owner changed a track's values in another tab or the CLI; the list shows the corrected ones.
const DEFAULT_REFRESH_TYPES = ['trackUploaded', 'analysisCompleted', 'analysisFailed', 'trackDeleted', 'trackCorrected'] as const;
