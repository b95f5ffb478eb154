import type { ProblemDetails } from './types';

/**
 * The one place that knows how the SPA talks to the Gateway. The session is an HTTP-only cookie the
 * Gateway holds (backend-for-frontend): the SPA never sees a token. State-changing requests carry the
 * antiforgery header the Gateway checks.
 */
export const ANTIFORGERY_HEADER: readonly [name: string, value: string] = ['X-CSRF', '1'];

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title || `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Reads a problem-details body, or makes one from the status when the body is not JSON. */
export function parseProblem(status: number, body: string, statusText = ''): ProblemDetails {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object') {
      return { status, ...(parsed as ProblemDetails) };
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through to a generic problem.
  }
  return { status, title: statusText || defaultTitle(status) };
}

function defaultTitle(status: number): string {
  switch (status) {
    case 0: return 'The server could not be reached';
    case 401: return 'Please sign in';
    case 403: return 'Not allowed';
    case 404: return 'Not found';
    case 413: return 'Too large';
    case 415: return 'Not a supported audio file';
    case 429: return 'Too many requests, try again in a moment';
    default: return status >= 500 ? 'The server had a problem' : 'Request failed';
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthorizedListeners = new Set<() => void>();

/** Called when any request answers 401: the session cookie expired or was revoked. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function reportUnauthorized(): void {
  for (const listener of [...unauthorizedListeners]) listener();
}

/** Headers every state-changing request carries (also used by the upload's XMLHttpRequest). */
export function mutationHeaders(): Record<string, string> {
  return { [ANTIFORGERY_HEADER[0]]: ANTIFORGERY_HEADER[1] };
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** False when the answer is not JSON worth reading (e.g. sign-out, which ends in redirects). */
  readBody?: boolean;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (STATE_CHANGING.has(method)) {
    Object.assign(headers, mutationHeaders());
  }
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path.startsWith('/') ? path : `${API_BASE}/${path}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { status: 0, title: 'The server could not be reached', detail: 'Check your connection and try again.' });
  }

  if (!response.ok) {
    if (response.status === 401 && !path.endsWith('/auth/me')) reportUnauthorized();
    throw new ApiError(response.status, parseProblem(response.status, await response.text(), response.statusText));
  }
  if (response.status === 204 || options.readBody === false) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A short sentence for a toast or an inline message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    if (title && detail && !detail.startsWith(title)) return `${title}: ${detail}`;
    return detail || title || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
