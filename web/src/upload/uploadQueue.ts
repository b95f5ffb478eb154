import type { ProblemDetails, UploadedTrack } from '../api/types';

export type UploadState = 'queued' | 'uploading' | 'checking' | 'uploaded' | 'refused' | 'failed' | 'cancelled';

export interface UploadItem {
  id: string;
  fileName: string;
  size: number;
  state: UploadState;
  loaded: number;
  total: number;
  /** Set once the server accepted the file: the live events for this track show the analysis. */
  track?: UploadedTrack;
  /** Why the server refused the file, or why sending it failed. */
  problem?: ProblemDetails;
}

export type TransportResult =
  | { ok: true; tracks: UploadedTrack[] }
  | { ok: false; problem: ProblemDetails };

export interface UploadHandle {
  result: Promise<TransportResult>;
  abort(): void;
}

/** Sends one file; reports bytes sent. The browser one is XMLHttpRequest (fetch has no upload progress). */
export type UploadTransport = (file: File, onProgress: (loaded: number, total: number) => void) => UploadHandle;

export interface UploadQueueOptions {
  transport: UploadTransport;
  /** Files sent at the same time. */
  concurrency?: number;
  /** Files above this are refused before sending a byte (the server enforces the same limit). */
  maxBytes?: number;
}

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const FINISHED: ReadonlySet<UploadState> = new Set(['uploaded', 'refused', 'failed', 'cancelled']);

export function isFinished(item: UploadItem): boolean {
  return FINISHED.has(item.state);
}

let nextId = 0;

/**
 * The uploads of this browser tab. It lives outside any page (one per app), so uploads go on while
 * the user navigates; pages only render its snapshot. Each file is its own request, so one refused
 * file does not fail the others and each has its own progress.
 */
export class UploadQueue {
  private items: UploadItem[] = [];
  private readonly files = new Map<string, File>();
  private readonly handles = new Map<string, UploadHandle>();
  private readonly listeners = new Set<() => void>();
  private readonly transport: UploadTransport;
  private readonly concurrency: number;
  private readonly maxBytes: number;

  constructor(options: UploadQueueOptions) {
    this.transport = options.transport;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  }

  /** An immutable snapshot: a new array whenever anything changed (for useSyncExternalStore). */
  getSnapshot = (): readonly UploadItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  add(files: Iterable<File>): string[] {
    const ids: string[] = [];
    const added: UploadItem[] = [];
    for (const file of files) {
      const id = `upload-${++nextId}`;
      ids.push(id);
      if (file.size > this.maxBytes) {
        added.push({
          id, fileName: file.name, size: file.size, state: 'refused', loaded: 0, total: file.size,
          problem: {
            status: 413,
            title: 'File too large',
            detail: `'${file.name}' is larger than the ${Math.round(this.maxBytes / (1024 * 1024))} MB limit.`,
          },
        });
        continue;
      }
      if (file.size === 0) {
        added.push({
          id, fileName: file.name, size: 0, state: 'refused', loaded: 0, total: 0,
          problem: { status: 415, title: 'Empty file', detail: `'${file.name}' is empty.` },
        });
        continue;
      }
      this.files.set(id, file);
      added.push({ id, fileName: file.name, size: file.size, state: 'queued', loaded: 0, total: file.size });
    }
    this.items = [...this.items, ...added];
    this.emit();
    this.pump();
    return ids;
  }

  cancel(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || isFinished(item)) return;
    this.handles.get(id)?.abort();
    this.handles.delete(id);
    this.update(id, { state: 'cancelled' });
    this.pump();
  }

  /** Sends a failed or cancelled file again. */
  retry(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || (item.state !== 'failed' && item.state !== 'cancelled') || !this.files.has(id)) return;
    this.update(id, { state: 'queued', loaded: 0, problem: undefined });
    this.pump();
  }

  /** Forgets finished uploads. */
  clearFinished(): void {
    const kept = this.items.filter((i) => !isFinished(i));
    if (kept.length === this.items.length) return;
    for (const item of this.items) if (isFinished(item)) this.files.delete(item.id);
    this.items = kept;
    this.emit();
  }

  get activeCount(): number {
    return this.items.filter((i) => i.state === 'uploading' || i.state === 'checking').length;
  }

  get pendingCount(): number {
    return this.items.filter((i) => !isFinished(i)).length;
  }

  private pump(): void {
    while (this.activeCount < this.concurrency) {
      const next = this.items.find((i) => i.state === 'queued');
      if (!next) return;
      this.start(next.id);
    }
  }

  private start(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.update(id, { state: 'uploading', loaded: 0 });
    let handle: UploadHandle;
    try {
      handle = this.transport(file, (loaded, total) => {
        const current = this.items.find((i) => i.id === id);
        if (!current || current.state !== 'uploading') return;
        // Every byte is sent: the server now checks and stores the file before it answers.
        this.update(id, { loaded, total: total || current.total, state: loaded >= total && total > 0 ? 'checking' : 'uploading' });
      });
    } catch (error) {
      this.finish(id, { ok: false, problem: { status: 0, title: 'Upload failed', detail: (error as Error).message } });
      return;
    }
    this.handles.set(id, handle);
    handle.result.then(
      (result) => this.finish(id, result),
      (error: unknown) => this.finish(id, { ok: false, problem: { status: 0, title: 'Upload failed', detail: String((error as Error)?.message ?? error) } }),
    );
  }

  private finish(id: string, result: TransportResult): void {
    this.handles.delete(id);
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state === 'cancelled') return;
    if (result.ok) {
      this.files.delete(id);
      this.update(id, { state: 'uploaded', loaded: item.total, track: result.tracks[0] });
    } else {
      // A refusal (4xx other than 408/429) will not change on a retry; anything else may.
      const status = result.problem.status ?? 0;
      const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
      if (refused) this.files.delete(id);
      this.update(id, { state: refused ? 'refused' : 'failed', problem: result.problem });
    }
    this.pump();
  }

  private update(id: string, change: Partial<UploadItem>): void {
    this.items = this.items.map((i) => (i.id === id ? { ...i, ...change } : i));
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
