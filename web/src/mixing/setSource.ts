import { listTracks } from '../api/tracks';
import { parseFilters, toApiQuery } from '../library/filters';

/** The most tracks a set orders (the Library's SetOrderer.MaxTracks). */
export const MAX_SET_TRACKS = 300;

export type EnergyShape = 'arc' | 'rising' | 'falling' | 'none';
export const SHAPES: { value: EnergyShape; label: string }[] = [
  { value: 'arc', label: 'Warm-up → peak → cool-down' },
  { value: 'rising', label: 'Rising' },
  { value: 'falling', label: 'Falling' },
  { value: 'none', label: 'Keys and tempo only' },
];

/**
 * The set page's address: a selection (`ids=a,b,c`) or a library filter (the library's own query names), and the
 * shape. Both are bookmarks: the set is ordered again from them when the page opens.
 */
export function setUrl(source: { ids: string[] } | { filter: URLSearchParams }, shape?: EnergyShape): string {
  const params = 'ids' in source ? new URLSearchParams({ ids: source.ids.join(',') }) : new URLSearchParams(source.filter);
  params.delete('page');
  params.delete('pageSize');
  if (shape && shape !== 'arc') params.set('shape', shape);
  return `/sets?${params}`;
}

export function parseShape(params: URLSearchParams): EnergyShape {
  const shape = params.get('shape');
  return SHAPES.some((s) => s.value === shape) ? (shape as EnergyShape) : 'arc';
}

/**
 * The ids the set is made of: the selection's, else every track the filter matches (the newest first, read 100 at a
 * time), at most MAX_SET_TRACKS.
 */
export async function resolveSetTracks(params: URLSearchParams, signal?: AbortSignal): Promise<string[]> {
  const ids = params.get('ids');
  if (ids !== null) return [...new Set(ids.split(',').map((id) => id.trim()).filter(Boolean))].slice(0, MAX_SET_TRACKS);
  const filters = { ...parseFilters(params), pageSize: 100 };
  const found: string[] = [];
  for (let page = 1; found.length < MAX_SET_TRACKS; page++) {
    const answer = await listTracks(toApiQuery({ ...filters, page }), signal);
    found.push(...answer.items.map((t) => t.id));
    if (answer.items.length < filters.pageSize || page * filters.pageSize >= answer.totalCount) break;
  }
  return found.slice(0, MAX_SET_TRACKS);
}
