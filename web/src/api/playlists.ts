import { API_BASE, apiRequest } from './client';
import type { Page, Playlist, PlaylistFilter, TrackSummary } from './types';

const playlists = `${API_BASE}/library/playlists`;
const one = (id: string) => `${playlists}/${encodeURIComponent(id)}`;

/** The user's smart playlists by name, each with the number of tracks its filter matches now. */
export function listPlaylists(signal?: AbortSignal): Promise<Playlist[]> {
  return apiRequest<Playlist[]>(playlists, { signal });
}

export function getPlaylist(id: string, signal?: AbortSignal): Promise<Playlist> {
  return apiRequest<Playlist>(one(id), { signal });
}

/** Saves a filter as a playlist; 409 (an ApiError) when the user has one of that name already. */
export function createPlaylist(name: string, filter: Record<string, unknown>, sort?: string): Promise<Playlist> {
  return apiRequest<Playlist>(playlists, { method: 'POST', body: { name, filter: filter as PlaylistFilter, sort: sort ?? null } });
}

export function renamePlaylist(id: string, name: string): Promise<Playlist> {
  return apiRequest<Playlist>(one(id), { method: 'PATCH', body: { name } });
}

export function deletePlaylist(id: string): Promise<void> {
  return apiRequest<void>(one(id), { method: 'DELETE', readBody: false });
}

/** One page of the playlist's tracks, evaluated now, in its sort. */
export function playlistTracks(id: string, page = 1, pageSize = 100, signal?: AbortSignal): Promise<Page<TrackSummary>> {
  return apiRequest<Page<TrackSummary>>(`${one(id)}/tracks?page=${page}&pageSize=${pageSize}`, { signal });
}
