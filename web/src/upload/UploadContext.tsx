import { createContext, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { UploadQueue, type UploadItem } from './uploadQueue';
import { xhrTransport } from './xhrTransport';

const UploadContext = createContext<UploadQueue | null>(null);

/** Holds the tab's upload queue above the routes, so leaving the upload page does not stop anything. */
export function UploadProvider({ children, queue }: { children: ReactNode; queue?: UploadQueue }) {
  const ref = useRef<UploadQueue | null>(null);
  if (!ref.current) ref.current = queue ?? new UploadQueue({ transport: xhrTransport, concurrency: 2 });
  return <UploadContext.Provider value={ref.current}>{children}</UploadContext.Provider>;
}

export function useUploadQueue(): UploadQueue {
  const queue = useContext(UploadContext);
  if (!queue) throw new Error('UploadProvider is missing');
  return queue;
}

export function useUploads(): readonly UploadItem[] {
  const queue = useUploadQueue();
  return useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
}
