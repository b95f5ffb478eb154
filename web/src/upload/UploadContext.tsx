import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useLiveEvents } from '../live/LiveContext';
import { useToast } from '../ui/Toasts';
import { UploadQueue, type UploadItem } from './uploadQueue';
import { tellIfAlreadyInLibrary } from './alreadyInLibrary';
import { xhrTransport } from './xhrTransport';

const UploadContext = createContext<UploadQueue | null>(null);

/** Tells the user how the analysis of a file they uploaded in this tab ended, whatever page they are on. */
function AnalysisOutcomeToasts({ queue }: { queue: UploadQueue }) {
  const toast = useToast();
  useLiveEvents((n) => {
    if (n.type !== 'analysisCompleted' && n.type !== 'analysisFailed') return;
    const upload = queue.getSnapshot().find((i) => i.track?.id === n.trackId);
    if (!upload) return;
    if (n.type === 'analysisCompleted') {
      toast(`"${upload.fileName}" is analysed.`, 'success');
      void tellIfAlreadyInLibrary(upload.track!.id, (message) => toast(message, 'info'));
    } else toast(`The analysis of "${upload.fileName}" failed: ${String(n.data?.reason ?? 'no reason given')}`, 'error');
  });
  return null;
}

/** Holds the tab's upload queue above the routes, so leaving the upload page does not stop anything. */
export function UploadProvider({ children, queue }: { children: ReactNode; queue?: UploadQueue }) {
  const ref = useRef<UploadQueue | null>(null);
  if (!ref.current) ref.current = queue ?? new UploadQueue({ transport: xhrTransport, concurrency: 2 });
  const current = ref.current;

  // Closing or reloading the tab would cut the transfers: ask first while any is running.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (current.pendingCount === 0) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [current]);

  return (
    <UploadContext.Provider value={current}>
      <AnalysisOutcomeToasts queue={current} />
      {children}
    </UploadContext.Provider>
  );
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
