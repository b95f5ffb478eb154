import { API_BASE, apiRequest } from './client';
import type { MixItem, NextTrack, NextTracksQuery, OrderSetRequest, PathStep, SetPlan } from './types';

const audio = `${API_BASE}/audio`;
const library = `${API_BASE}/library`;

/** The query string of a request, leaving out what is not set (the server's default then applies). */
function query(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The tracks that can follow this one, best first (409 when it has no key or tempo; the reason is in the error). */
export async function getNextTracks(id: string, options: NextTracksQuery = {}, signal?: AbortSignal): Promise<NextTrack[]> {
  const body = await apiRequest<{ items: NextTrack[] }>(`${audio}/${encodeURIComponent(id)}/next${query(options)}`, { signal });
  return body.items;
}

/** An instant mix: count tracks that sound like this one, diverse rather than near-duplicates. */
export async function getInstantMix(id: string, count = 20, signal?: AbortSignal): Promise<MixItem[]> {
  const body = await apiRequest<{ items: MixItem[] }>(`${audio}/${encodeURIComponent(id)}/mix${query({ count })}`, { signal });
  return body.items;
}

/** Orders the tracks into a set whose energy follows the shape (arc by default). */
export function orderSet(request: Partial<OrderSetRequest> & { trackIds: string[] }, signal?: AbortSignal): Promise<SetPlan> {
  const body: OrderSetRequest = { shape: null, tolerance: null, halfDouble: null, ...request };
  return apiRequest<SetPlan>(`${library}/sets`, { method: 'POST', body, signal });
}

/** The tracks between two tracks, moving gradually from the first to the second; both ends included. */
export async function getPath(from: string, to: string, steps?: number, signal?: AbortSignal): Promise<PathStep[]> {
  const body = await apiRequest<{ steps: PathStep[] }>(`${library}/path${query({ from, to, steps })}`, { signal });
  return body.steps;
}
