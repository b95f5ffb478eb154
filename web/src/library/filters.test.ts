// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, clearedFilters, isFiltered, parseFilters, toApiQuery, toPlaylistFilter, toSearchParams, updateFilters, type LibraryFilters } from './filters';

const parse = (qs: string) => parseFilters(new URLSearchParams(qs));

describe('library filters in the URL', () => {
  it('an empty URL is the default view', () => {
    expect(parse('')).toEqual(DEFAULT_FILTERS);
  });

  it('a full view survives the round trip through the URL unchanged', () => {
    const view: LibraryFilters = {
      q: 'warm pads', genre: 'house', mood: 'happy', instrument: 'piano', key: 'A minor', camelot: '8A',
      bpmMin: 118, bpmMax: 126.5, energyMin: 0.25, energyMax: 0.9, status: 'analyzed', sort: '-tempoBpm', page: 3, pageSize: 50,
    };
    const url = toSearchParams(view).toString();
    expect(parse(url)).toEqual(view);
  });

  it('defaults and empty values are left out of the URL', () => {
    const url = toSearchParams({ ...DEFAULT_FILTERS, genre: 'techno' }).toString();
    expect(url).toBe('genre=techno');
    expect(toSearchParams(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('invalid values are dropped, valid ones kept', () => {
    const filters = parse(
      'genre=jazz&bpmMin=abc&bpmMax=9999&energyMin=-1&energyMax=2&status=lost&sort=-color&page=0&pageSize=33&camelot=13A&key=H%20minor',
    );
    expect(filters).toEqual({ ...DEFAULT_FILTERS, genre: 'jazz' });
  });

  it('a minimum above its maximum drops both rather than asking for an impossible range', () => {
    const filters = parse('bpmMin=140&bpmMax=120&energyMin=0.2&energyMax=0.8');
    expect(filters.bpmMin).toBeUndefined();
    expect(filters.bpmMax).toBeUndefined();
    expect(filters.energyMin).toBe(0.2);
    expect(filters.energyMax).toBe(0.8);
  });

  it('keys and Camelot codes are normalised to the spelling the library uses', () => {
    const filters = parse('key=a%20MINOR&camelot=8b');
    expect(filters.key).toBe('A minor');
    expect(filters.camelot).toBe('8B');
  });

  it('changing a filter goes back to page 1; changing the page does not', () => {
    const onPage4 = { ...DEFAULT_FILTERS, page: 4 };
    expect(updateFilters(onPage4, { genre: 'rock' }).page).toBe(1);
    expect(updateFilters(onPage4, { page: 5 }).page).toBe(5);
  });

  it('the API is always asked with explicit sort and paging', () => {
    const query = toApiQuery(parse('mood=dark'));
    expect(Object.fromEntries(query)).toEqual({ mood: 'dark', sort: '-createdAt', page: '1', pageSize: '20' });
  });

  it('a search in the default order lets the server rank the matches, and is sent in NFC', () => {
    expect(Object.fromEntries(toApiQuery(parse('q=Cafe%CC%81')))).toEqual({ q: 'Caf\u00e9', page: '1', pageSize: '20' });
    expect(toApiQuery(parse('q=zebra&sort=title')).get('sort')).toBe('title');
  });
});

describe('smart playlist filters', () => {
  it('reads neighbours, half/double and loudness from the URL only with what they widen', () => {
    const widened = parseFilters(new URLSearchParams('camelot=8a&camelotNeighbours=true&bpmMin=120&bpmHalfDouble=true&loudnessMin=-14&loudnessMax=-6'));
    const alone = parseFilters(new URLSearchParams('camelotNeighbours=true&bpmHalfDouble=true&loudnessMin=-5&loudnessMax=-10'));

    expect(widened).toMatchObject({ camelot: '8A', camelotNeighbours: true, bpmMin: 120, bpmHalfDouble: true, loudnessMin: -14, loudnessMax: -6 });
    expect(alone.camelotNeighbours).toBeUndefined();
    expect(alone.bpmHalfDouble).toBeUndefined();
    expect([alone.loudnessMin, alone.loudnessMax]).toEqual([undefined, undefined]);
    expect(toSearchParams(widened).toString()).toBe('camelot=8A&camelotNeighbours=true&bpmMin=120&bpmHalfDouble=true&loudnessMin=-14&loudnessMax=-6');
  });

  it('saves the view\'s filter with typed values and without the sort and paging', () => {
    const filters = parseFilters(new URLSearchParams('genre=house&bpmMin=120&bpmHalfDouble=true&sort=-energy&page=3'));
    expect(toPlaylistFilter(filters)).toEqual({ genre: 'house', bpmMin: 120, bpmHalfDouble: true });
    expect(isFiltered(clearedFilters())).toBe(false);
  });
});
