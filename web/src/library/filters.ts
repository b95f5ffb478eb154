import { TRACK_STATUSES, type TrackListQuery, type TrackStatus } from '../api/types';

export const SORT_FIELDS = ['createdAt', 'tempoBpm', 'loudnessLufs', 'title', 'energy'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortValue = SortField | `-${SortField}`;

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export const CAMELOT_CODES: readonly string[] = Array.from({ length: 12 }, (_, i) => [`${i + 1}A`, `${i + 1}B`]).flat();

const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
export const KEYS: readonly string[] = NOTES.flatMap((note) => [`${note} major`, `${note} minor`]);

/** The library view: everything the URL can say about it. */
export interface LibraryFilters {
  q: string;
  genre: string;
  mood: string;
  instrument: string;
  key: string;
  camelot: string;
  /** With camelot: also the keys that mix with it (8A: 7A, 9A, 8B). */
  camelotNeighbours?: boolean;
  bpmMin?: number;
  bpmMax?: number;
  /** With a BPM bound: also tracks at half or double that tempo. */
  bpmHalfDouble?: boolean;
  energyMin?: number;
  energyMax?: number;
  loudnessMin?: number;
  loudnessMax?: number;
  status?: TrackStatus;
  sort: SortValue;
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: Readonly<LibraryFilters> = Object.freeze({
  q: '',
  genre: '',
  mood: '',
  instrument: '',
  key: '',
  camelot: '',
  sort: '-createdAt',
  page: 1,
  pageSize: 20,
});

export const BPM_RANGE = { min: 20, max: 300 } as const;
export const LOUDNESS_RANGE = { min: -70, max: 0 } as const;

/** The fields that are not always present: what clearing the filters sets back to nothing. */
const OPTIONAL_FIELDS = [
  'camelotNeighbours', 'bpmMin', 'bpmMax', 'bpmHalfDouble', 'energyMin', 'energyMax', 'loudnessMin', 'loudnessMax', 'status',
] as const;

/** The view with no filter, keeping the sort and page size when given. */
export function clearedFilters(keep: Partial<Pick<LibraryFilters, 'sort' | 'pageSize'>> = {}): LibraryFilters {
  const cleared: LibraryFilters = { ...DEFAULT_FILTERS, ...keep };
  for (const field of OPTIONAL_FIELDS) cleared[field] = undefined;
  return cleared;
}

const TEXT_FIELDS = ['q', 'genre', 'mood', 'instrument'] as const;
const MAX_TEXT = 200;

function number(value: string | null, min: number, max: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

function isSort(value: string): value is SortValue {
  return (SORT_FIELDS as readonly string[]).includes(value.replace(/^-/, ''));
}

/**
 * Reads the view from the URL. Anything invalid (unknown sort or status, a number out of range, a
 * minimum above its maximum, a malformed key) is dropped, so a hand-edited or stale bookmark still
 * opens a sensible view and the API never sees a value it would refuse.
 */
export function parseFilters(params: URLSearchParams): LibraryFilters {
  const filters: LibraryFilters = { ...DEFAULT_FILTERS };
  for (const field of TEXT_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) filters[field] = value.slice(0, MAX_TEXT);
  }

  const key = params.get('key')?.trim().toLowerCase();
  const knownKey = key ? KEYS.find((k) => k.toLowerCase() === key) : undefined;
  if (knownKey) filters.key = knownKey;

  const camelot = params.get('camelot')?.trim().toUpperCase();
  if (camelot && CAMELOT_CODES.includes(camelot)) filters.camelot = camelot;
  if (filters.camelot && params.get('camelotNeighbours') === 'true') filters.camelotNeighbours = true;

  filters.bpmMin = number(params.get('bpmMin'), BPM_RANGE.min, BPM_RANGE.max);
  filters.bpmMax = number(params.get('bpmMax'), BPM_RANGE.min, BPM_RANGE.max);
  if (filters.bpmMin !== undefined && filters.bpmMax !== undefined && filters.bpmMin > filters.bpmMax) {
    filters.bpmMin = filters.bpmMax = undefined;
  }

  if ((filters.bpmMin !== undefined || filters.bpmMax !== undefined) && params.get('bpmHalfDouble') === 'true') filters.bpmHalfDouble = true;

  filters.loudnessMin = number(params.get('loudnessMin'), LOUDNESS_RANGE.min, LOUDNESS_RANGE.max);
  filters.loudnessMax = number(params.get('loudnessMax'), LOUDNESS_RANGE.min, LOUDNESS_RANGE.max);
  if (filters.loudnessMin !== undefined && filters.loudnessMax !== undefined && filters.loudnessMin > filters.loudnessMax) {
    filters.loudnessMin = filters.loudnessMax = undefined;
  }

  filters.energyMin = number(params.get('energyMin'), 0, 1);
  filters.energyMax = number(params.get('energyMax'), 0, 1);
  if (filters.energyMin !== undefined && filters.energyMax !== undefined && filters.energyMin > filters.energyMax) {
    filters.energyMin = filters.energyMax = undefined;
  }

  const status = params.get('status');
  if (status && (TRACK_STATUSES as readonly string[]).includes(status)) filters.status = status as TrackStatus;

  const sort = params.get('sort');
  if (sort && isSort(sort)) filters.sort = sort;

  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page >= 1 && page <= 100_000) filters.page = page;

  const pageSize = Number(params.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) filters.pageSize = pageSize;

  for (const k of OPTIONAL_FIELDS) {
    if (filters[k] === undefined) delete filters[k];
  }
  return filters;
}

/** The URL for a view: defaults and empty values are left out, in a stable order. */
export function toSearchParams(filters: Partial<LibraryFilters>): URLSearchParams {
  const params = new URLSearchParams();
  const order: (keyof LibraryFilters)[] = [
    'q', 'genre', 'mood', 'instrument', 'key', 'camelot', 'camelotNeighbours', 'bpmMin', 'bpmMax', 'bpmHalfDouble',
    'energyMin', 'energyMax', 'loudnessMin', 'loudnessMax', 'status', 'sort', 'page', 'pageSize',
  ];
  for (const field of order) {
    const value = filters[field];
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (value === DEFAULT_FILTERS[field as keyof typeof DEFAULT_FILTERS]) continue;
    params.set(field, String(value));
  }
  return params;
}

/**
 * What the list endpoint is asked: the same names, with paging always explicit. A search in the default order ("newest first") sends no sort, so the server
 * ranks the matches (exact title, then titles starting with the text, then the rest, newest first within each); the
 * search text goes in Unicode NFC, the form names are stored in.
 */
export function toApiQuery(filters: LibraryFilters): URLSearchParams {
  const params = toSearchParams(filters);
  if (filters.q) params.set('q', filters.q.normalize('NFC'));
  if (!filters.q || filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  params.set('page', String(filters.page));
  params.set('pageSize', String(filters.pageSize));
  return params;
}

/** A change to anything but the page starts again at page 1. */
export function updateFilters(current: LibraryFilters, change: Partial<LibraryFilters>): LibraryFilters {
  const next = { ...current, ...change };
  if (!('page' in change)) next.page = 1;
  return next;
}

export function isFiltered(filters: LibraryFilters): boolean {
  const { q, genre, mood, instrument, key, camelot, bpmMin, bpmMax, energyMin, energyMax, loudnessMin, loudnessMax, status } = filters;
  return Boolean(q || genre || mood || instrument || key || camelot || status) ||
    [bpmMin, bpmMax, energyMin, energyMax, loudnessMin, loudnessMax].some((v) => v !== undefined);
}

/** The view's filter as a smart playlist saves it (the Library's TrackFilter): its fields, without the sort and paging. */
export function toPlaylistFilter(filters: LibraryFilters): Record<string, string | number | boolean> {
  const saved: Record<string, string | number | boolean> = {};
  for (const [name, value] of toSearchParams(filters)) {
    if (name === 'sort' || name === 'page' || name === 'pageSize') continue;
    const typed = filters[name as keyof LibraryFilters];
    saved[name] = typeof typed === 'number' || typeof typed === 'boolean' ? typed : name === 'q' ? value.normalize('NFC') : value;
  }
  return saved;
}

// Every field of the view is a query parameter of GET /api/v1/audio as the Library documents it: a parameter renamed
// or dropped there fails this type check (the CLI's filter options are held to the same document by its tests).
true satisfies ([Exclude<keyof LibraryFilters, keyof TrackListQuery>] extends [never] ? true : false);
