import { API_BASE, ApiError, apiRequest } from './client';
import type {
  CorrectedField, CorrectionRequest, DuplicateGroup, DuplicateGroups, LibraryMap, LibraryStatistics, Page, Reanalysis, SimilarTrack, SimilarTracks,
  StreamLinks, Track, TrackSummary, Waveform,
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

/** The newest bulk re-analysis, or null when the user never asked for one. */
export async function getReanalysis(signal?: AbortSignal): Promise<Reanalysis | null> {
  try {
    return await apiRequest<Reanalysis>(`${library}/reanalysis`, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Analyses every analysed or failed track the filter selects again, in the background (empty filter: the whole library). */
export function startReanalysis(filter: URLSearchParams | string = ''): Promise<Reanalysis> {
  const qs = filter.toString();
  return apiRequest<Reanalysis>(qs ? `${library}/reanalysis?${qs}` : `${library}/reanalysis`, { method: 'POST' });
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

/** Sets the owner's values (the others stay); answers the track with its effective values and its corrections. */
export function correctTrack(id: string, values: CorrectionRequest): Promise<Track> {
  return apiRequest<Track>(`${audio}/${encodeURIComponent(id)}/corrections`, { method: 'PUT', body: values });
}

/** Clears one corrected value: the analysis's stands again. */
export function clearCorrection(id: string, field: CorrectedField): Promise<Track> {
  return apiRequest<Track>(`${audio}/${encodeURIComponent(id)}/corrections/${field}`, { method: 'DELETE' });
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
/** The most tracks one tagged zip link names (the address must fit the server's request line). */
export const MAX_TAGGED_ZIP_TRACKS = 100;
/** A zip of these tracks with the analysis in each file's own tags: a plain link, so the browser streams it to disk. */
export const taggedZipUrl = (ids: readonly string[]) => `${audio}/export?ids=${ids.map(encodeURIComponent).join(',')}`;
export const spectrogramUrl = (id: string) => `${audio}/${encodeURIComponent(id)}/spectrogram.png`;

/** The user's tracks most like this one, best first (409 while the track has no analysis or embedding). */
export async function getSimilar(id: string, limit = 10, signal?: AbortSignal): Promise<SimilarTrack[]> {
  const body = await apiRequest<SimilarTracks>(`${audio}/${encodeURIComponent(id)}/similar?limit=${limit}`, { signal });
  return body.items;
}
