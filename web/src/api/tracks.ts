import { API_BASE, ApiError, apiRequest } from './client';
import type { Page, SimilarTrack, SimilarTracks, Track, Waveform } from './types';

const audio = `${API_BASE}/audio`;

export function listTracks(query: URLSearchParams | string, signal?: AbortSignal): Promise<Page<Track>> {
  const qs = query.toString();
  return apiRequest<Page<Track>>(qs ? `${audio}?${qs}` : audio, { signal });
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

export const streamUrl = (id: string) => `${audio}/${encodeURIComponent(id)}/stream`;
export const spectrogramUrl = (id: string) => `${audio}/${encodeURIComponent(id)}/spectrogram.png`;

/** The user's tracks most like this one, best first (409 while the track has no analysis or embedding). */
export async function getSimilar(id: string, limit = 10, signal?: AbortSignal): Promise<SimilarTrack[]> {
  const body = await apiRequest<SimilarTracks>(`${audio}/${encodeURIComponent(id)}/similar?limit=${limit}`, { signal });
  return body.items;
}

/** Every track, page by page (the API caps pages at 100), up to maxTracks. */
export async function listAllTracks(signal?: AbortSignal, maxTracks = 2000): Promise<{ tracks: Track[]; totalCount: number }> {
  const tracks: Track[] = [];
  let totalCount = 0;
  for (let page = 1; tracks.length < maxTracks; page++) {
    const result = await listTracks(new URLSearchParams({ page: String(page), pageSize: '100', sort: '-createdAt' }), signal);
    totalCount = result.totalCount;
    tracks.push(...result.items);
    if (result.items.length < 100 || tracks.length >= result.totalCount) break;
  }
  return { tracks, totalCount };
}
