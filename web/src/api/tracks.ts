import { API_BASE, ApiError, apiRequest } from './client';
import type {
  DuplicateGroup, DuplicateGroups, LibraryMap, LibraryStatistics, Page, SimilarTrack, SimilarTracks, StreamLinks, Track, TrackSummary, Waveform,
} from './types';

const audio = `${API_BASE}/audio`;

export function listTracks(query: URLSearchParams | string, signal?: AbortSignal): Promise<Page<TrackSummary>> {
  const qs = query.toString();
  return apiRequest<Page<TrackSummary>>(qs ? `${audio}?${qs}` : audio, { signal });
}

const library = `${API_BASE}/library`;

/** The Dashboard's statistics for the tracks the filter selects (the list's filter names); empty for the whole library. */
export function getStatistics(filter: URLSearchParams | string = '', signal?: AbortSignal): Promise<LibraryStatistics> {
  const qs = filter.toString();
  return apiRequest<LibraryStatistics>(qs ? `${library}/stats?${qs}` : `${library}/stats`, { signal });
}

/** The similarity map of the newest analysed tracks (up to limit, 2,000 by default). */
export function getMap(filter: URLSearchParams | string = '', signal?: AbortSignal): Promise<LibraryMap> {
  const qs = filter.toString();
  return apiRequest<LibraryMap>(qs ? `${library}/map?${qs}` : `${library}/map`, { signal });
}

/** The user's recordings held more than once (same audio fingerprint), the group with the newest upload first. */
export async function getDuplicates(signal?: AbortSignal): Promise<DuplicateGroup[]> {
  const body = await apiRequest<DuplicateGroups>(`${library}/duplicates`, { signal });
  return body.groups;
}

export function getTrack(id: string, signal?: AbortSignal): Promise<Track> {
  return apiRequest<Track>(`${audio}/${encodeURIComponent(id)}`, { signal });
}

/**
 * Deletes a track. The server answers 404 for a track that is already gone (deleted from another tab, say) exactly as
 * for one that never was the user's; either way it is not in the library any more, which is what the user asked for.
 */
export async function deleteTrack(id: string): Promise<void> {
  try {
    await apiRequest<void>(`${audio}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

export function reanalyzeTrack(trackId: string): Promise<Track> {
  return apiRequest<Track>(`${audio}/analyze`, { method: 'POST', body: { trackId } });
}

export function getWaveform(id: string, signal?: AbortSignal): Promise<Waveform> {
  return apiRequest<Waveform>(`${audio}/${encodeURIComponent(id)}/waveform`, { signal });
}

/**
 * Signed, expiring stream links (24 hours) for the user's tracks, by track id: what an exported M3U holds, since a media
 * player has no session. Ingest signs at most 1,000 ids a request.
 */
export async function createStreamLinks(trackIds: string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (let i = 0; i < trackIds.length; i += 1000) {
    const body = await apiRequest<StreamLinks>(`${audio}/stream-links`, { method: 'POST', body: { trackIds: trackIds.slice(i, i + 1000), expiresInHours: null } });
    for (const link of body.links) links.set(link.trackId, link.url);
  }
  return links;
}

export const streamUrl = (id: string) => `${audio}/${encodeURIComponent(id)}/stream`;
export const spectrogramUrl = (id: string) => `${audio}/${encodeURIComponent(id)}/spectrogram.png`;

/** The user's tracks most like this one, best first (409 while the track has no analysis or embedding). */
export async function getSimilar(id: string, limit = 10, signal?: AbortSignal): Promise<SimilarTrack[]> {
  const body = await apiRequest<SimilarTracks>(`${audio}/${encodeURIComponent(id)}/similar?limit=${limit}`, { signal });
  return body.items;
}
