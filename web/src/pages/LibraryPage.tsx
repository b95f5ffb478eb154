import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { listTracks, MAX_TAGGED_ZIP_TRACKS, taggedZipUrl } from '../api/tracks';
import { describeError } from '../api/client';
import { TRACK_STATUSES, type TrackSummary } from '../api/types';
import {
  BPM_RANGE, CAMELOT_CODES, DEFAULT_FILTERS, KEYS, LOUDNESS_RANGE, PAGE_SIZES, clearedFilters, isFiltered, parseFilters, toApiQuery, toSearchParams,
  updateFilters,
  type LibraryFilters, type SortValue,
} from '../library/filters';
import { useDeleteTrack } from '../library/useDeleteTrack';
import { SaveAsPlaylist } from '../library/SaveAsPlaylist';
import { BulkReanalysis } from '../library/BulkReanalysis';
import { MAX_SET_TRACKS, setUrl } from '../mixing/setSource';
import { useLiveTracks, useRefreshOnTrackEvents } from '../live/LiveContext';
import { LearnedMark, YoursMark } from '../corrections/CorrectionsPanel';
import { formatDate, formatDuration, formatNumber, formatPercent, topLabel, formatTempo } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { SkeletonRows } from '../ui/Skeleton';
import { StatusBadge } from '../ui/StatusBadge';
import { useTitle } from '../lib/useTitle';

const SORTS: { value: SortValue; label: string }[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'title', label: 'Title A–Z' },
  { value: '-title', label: 'Title Z–A' },
  { value: 'tempoBpm', label: 'Slowest first' },
  { value: '-tempoBpm', label: 'Fastest first' },
  { value: '-loudnessLufs', label: 'Loudest first' },
  { value: 'loudnessLufs', label: 'Quietest first' },
  { value: '-energy', label: 'Most energetic first' },
  { value: 'energy', label: 'Calmest first' },
];

const STATUS_LABELS = { uploaded: 'Uploaded', analyzing: 'Analysing', analyzed: 'Analysed', failed: 'Failed' } as const;

/** The library view lives in the URL: this reads it and writes changes back (replacing while typing). */
function useFilters(): [LibraryFilters, (change: Partial<LibraryFilters>, replace?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const set = (change: Partial<LibraryFilters>, replace = false) =>
    setParams(toSearchParams(updateFilters(filters, change)), { replace });
  return [filters, set];
}

function Field({ label, children, className = '' }: { label: string; children: (id: string) => ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A number input that writes on blur or Enter, so typing "12" does not filter by 1 first. */
function NumberField({ label, value, min, max, step, onCommit }: {
  label: string; value: number | undefined; min: number; max: number; step: number; onCommit: (v: number | undefined) => void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const commit = () => {
    const n = text.trim() === '' ? undefined : Number(text);
    const valid = n === undefined || (Number.isFinite(n) && n >= min && n <= max);
    if (valid && n !== value) onCommit(n);
    if (!valid) setText(value === undefined ? '' : String(value));
  };
  return (
    <Field label={label} className="narrow">
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      )}
    </Field>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 350);
    return () => clearTimeout(timer);
    // Only the typed text restarts the wait.
  }, [text]);
  return (
    <Field label="Search" className="grow">
      {(id) => (
        <input id={id} type="search" placeholder="Title, artist, tags, description" value={text} onChange={(e) => setText(e.target.value)} />
      )}
    </Field>
  );
}

const wideScreen = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 821px)').matches;

function activeCount(filters: LibraryFilters): number {
  const { genre, mood, instrument, key, camelot, bpmMin, bpmMax, energyMin, energyMax, loudnessMin, loudnessMax, status } = filters;
  return [genre, mood, instrument, key, camelot, status].filter(Boolean).length
    + [bpmMin, bpmMax, energyMin, energyMax, loudnessMin, loudnessMax].filter((v) => v !== undefined).length;
}

/**
 * A checkbox that widens a filter (neighbouring keys, half and double tempo); off while that filter is not set. The filter
 * lives in the URL, which React Router changes in a transition: the box shows the click at once, not when the transition
 * commits (on a busy machine a box that stays unticked for a moment looks as if it ignored the click).
 */
function Widen({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  const [shown, setShown] = useState(checked);
  useEffect(() => setShown(checked), [checked]);
  return (
    <label className="field narrow check-field">
      <input type="checkbox" checked={shown} disabled={disabled} onChange={(e) => { setShown(e.target.checked); onChange(e.target.checked); }} />
      <span>{label}</span>
    </label>
  );
}

function Filters({ filters, set }: { filters: LibraryFilters; set: (change: Partial<LibraryFilters>, replace?: boolean) => void }) {
  // On a phone the filters fold away under the search box; on a wide screen they start open.
  const [open, setOpen] = useState(() => wideScreen() || activeCount(filters) > 0);
  const active = activeCount(filters);
  return (
    <form className="filters panel glass" role="search" aria-label="Filter the library" onSubmit={(e) => e.preventDefault()}>
      <SearchBox value={filters.q} onChange={(q) => set({ q }, true)} />
      <Field label="Sort">
        {(id) => (
          <select id={id} value={filters.sort} onChange={(e) => set({ sort: e.target.value as SortValue })}>
            {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        )}
      </Field>
      <details className="more-filters" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Filters{active > 0 ? ` (${active} active)` : ''}</summary>
        <div className="more-filters-body">
      {(['genre', 'mood', 'instrument'] as const).map((name) => (
        <Field key={name} label={name[0].toUpperCase() + name.slice(1)}>
          {(id) => (
            <input
              id={id}
              type="text"
              defaultValue={filters[name]}
              key={filters[name]}
              onBlur={(e) => e.target.value.trim() !== filters[name] && set({ [name]: e.target.value.trim() })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  const v = (e.target as HTMLInputElement).value.trim();
                  if (v !== filters[name]) set({ [name]: v });
                }
              }}
            />
          )}
        </Field>
      ))}
      <Field label="Key">
        {(id) => (
          <select id={id} value={filters.key} onChange={(e) => set({ key: e.target.value })}>
            <option value="">Any key</option>
            {KEYS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        )}
      </Field>
      <Field label="Camelot" className="narrow">
        {(id) => (
          <select id={id} value={filters.camelot} onChange={(e) => set({ camelot: e.target.value })}>
            <option value="">Any</option>
            {CAMELOT_CODES.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        )}
      </Field>
      <Widen label="and neighbours" checked={Boolean(filters.camelotNeighbours)} disabled={!filters.camelot}
        onChange={(on) => set({ camelotNeighbours: on || undefined })} />
      <NumberField label="BPM from" value={filters.bpmMin} min={BPM_RANGE.min} max={BPM_RANGE.max} step={1} onCommit={(bpmMin) => set({ bpmMin })} />
      <NumberField label="BPM to" value={filters.bpmMax} min={BPM_RANGE.min} max={BPM_RANGE.max} step={1} onCommit={(bpmMax) => set({ bpmMax })} />
      <Widen label="or half/double" checked={Boolean(filters.bpmHalfDouble)} disabled={filters.bpmMin === undefined && filters.bpmMax === undefined}
        onChange={(on) => set({ bpmHalfDouble: on || undefined })} />
      <NumberField label="LUFS from" value={filters.loudnessMin} min={LOUDNESS_RANGE.min} max={LOUDNESS_RANGE.max} step={0.5} onCommit={(loudnessMin) => set({ loudnessMin })} />
      <NumberField label="LUFS to" value={filters.loudnessMax} min={LOUDNESS_RANGE.min} max={LOUDNESS_RANGE.max} step={0.5} onCommit={(loudnessMax) => set({ loudnessMax })} />
      <NumberField label="Energy from" value={filters.energyMin} min={0} max={1} step={0.05} onCommit={(energyMin) => set({ energyMin })} />
      <NumberField label="Energy to" value={filters.energyMax} min={0} max={1} step={0.05} onCommit={(energyMax) => set({ energyMax })} />
      <Field label="Status">
        {(id) => (
          <select id={id} value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as LibraryFilters['status'] })}>
            <option value="">Any status</option>
            {TRACK_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        )}
      </Field>
        </div>
      </details>
      {isFiltered(filters) && (
        <div className="field end-field">
          <button type="button" className="button ghost" onClick={() => set(clearedFilters({ sort: filters.sort, pageSize: filters.pageSize }))}>
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
}

function TrackRow({ track, onDelete, selected, onSelect }: {
  track: TrackSummary; onDelete: (t: TrackSummary) => void; selected: boolean; onSelect: (t: TrackSummary, on: boolean) => void;
}) {
  const live = useLiveTracks().get(track.id);
  const a = track.analysis;
  return (
    <li className={`track-row panel${selected ? ' selected' : ''}`}>
      <div className="track-main">
        <input type="checkbox" className="track-select" checked={selected} onChange={(e) => onSelect(track, e.target.checked)}
          aria-label={`Select ${track.title || track.fileName}`} />
        <Link to={`/tracks/${track.id}`} className="track-title">{track.title || track.fileName}</Link>
        <span className="muted small">{[track.artist, track.format.toUpperCase(), formatDate(track.createdAt)].filter(Boolean).join(' · ')}</span>
        {track.alreadyInLibrary && (
          <Link to={`/tracks/${track.id}`} className="chip small" title="The same audio was already in your library when this was uploaded">Already in your library</Link>
        )}
        {(live?.status ?? track.status) === 'failed' && (
          <span className="track-error small">{live?.error ?? track.error ?? 'The analysis failed; no reason was given.'}</span>
        )}
      </div>
      <dl className="track-facts">
        <div><dt>BPM</dt><dd>{formatTempo(a?.tempoBpm, 0, false)}<YoursMark corrections={track.corrections} field="tempoBpm" /></dd></div>
        <div><dt>Key</dt><dd title={a?.key ?? undefined}>{a?.camelot ? `${a.camelot} · ${a.key}` : '–'}<YoursMark corrections={track.corrections} field="key" /></dd></div>
        <div><dt>LUFS</dt><dd>{formatNumber(a?.loudnessLufs, 1)}</dd></div>
        <div><dt>Energy</dt><dd>{formatPercent(a?.energy)}</dd></div>
        <div><dt>Genre</dt><dd className="cap">{topLabel(a?.genres) ?? '–'}<YoursMark corrections={track.corrections} field="genre" />
          <LearnedMark label={track.learnedLabels?.genre} field="genre" /></dd></div>
        <div><dt>Length</dt><dd>{formatDuration(a?.durationSeconds)}</dd></div>
      </dl>
      <div className="track-end">
        <StatusBadge status={track.status} live={live} />
        <button type="button" className="button ghost small" onClick={() => onDelete(track)} aria-label={`Delete ${track.title || track.fileName}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

function Pagination({ page, pageSize, total, set }: { page: number; pageSize: number; total: number; set: (c: Partial<LibraryFilters>) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const sizeId = useId();
  return (
    <nav className="pagination" aria-label="Pages">
      <button type="button" className="button small" disabled={page <= 1} onClick={() => set({ page: page - 1 })}>Previous</button>
      <span aria-live="polite">Page {Math.min(page, pages)} of {pages} · {total} track{total === 1 ? '' : 's'}</span>
      <button type="button" className="button small" disabled={page >= pages} onClick={() => set({ page: page + 1 })}>Next</button>
      <label htmlFor={sizeId} className="muted small">Per page</label>
      <select id={sizeId} value={pageSize} onChange={(e) => set({ pageSize: Number(e.target.value) })}>
        {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
    </nav>
  );
}

export function LibraryPage() {
  useTitle('Library');
  const [filters, set] = useFilters();
  const version = useRefreshOnTrackEvents();
  const [deletions, setDeletions] = useState(0);
  const apiQuery = toApiQuery(filters).toString();
  const state = useAsync((signal) => listTracks(apiQuery, signal), [apiQuery, version, deletions]);
  const { askDelete, dialog } = useDeleteTrack(() => setDeletions((d) => d + 1));
  // The selection outlives paging and filtering, so a set can gather tracks from several views.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const select = (track: TrackSummary, on: boolean) => setSelected((current) => {
    const next = new Set(current);
    if (on) next.add(track.id);
    else next.delete(track.id);
    return next;
  });
  const navigate = useNavigate();

  let body: ReactNode;
  if (state.status === 'error' && !state.data) {
    body = <p className="panel notice" role="alert">The library could not be loaded: {describeError(state.error)}</p>;
  } else if (!state.data) {
    body = <SkeletonRows rows={6} label="Loading tracks" />;
  } else if (state.data.items.length === 0) {
    body = isFiltered(filters) ? (
      <div className="panel empty">
        <h2>No tracks match</h2>
        <p className="muted">Try fewer filters, or a wider BPM or energy range.</p>
        <button type="button" className="button primary" onClick={() => set(clearedFilters())}>
          Clear filters
        </button>
      </div>
    ) : filters.page > 1 ? (
      <div className="panel empty">
        <h2>This page is empty</h2>
        <button type="button" className="button primary" onClick={() => set({ page: 1 })}>Go to the first page</button>
      </div>
    ) : (
      <div className="panel empty">
        <h2>Your library is empty</h2>
        <p className="muted">Upload some tracks and they will appear here as soon as they are stored.</p>
        <Link to="/upload" className="button primary">Upload tracks</Link>
      </div>
    );
  } else {
    body = (
      <>
        <ul className="track-list" aria-busy={state.status === 'loading'}>
          {state.data.items.map((t) => <TrackRow key={t.id} track={t} onDelete={askDelete} selected={selected.has(t.id)} onSelect={select} />)}
        </ul>
        <Pagination page={filters.page} pageSize={filters.pageSize} total={state.data.totalCount} set={set} />
      </>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Library</h1>
        <div className="row">
          <SaveAsPlaylist filters={filters} />
          <Link to="/library/duplicates" className="button ghost">Duplicates</Link>
          <Link to="/upload" className="button primary">Upload</Link>
        </div>
      </div>
      <Filters filters={filters} set={set} />
      <BulkReanalysis filters={filters} />
      {state.data && state.data.totalCount > 1 && (
        <div className="set-bar panel glass" role="region" aria-label="Build a set">
          <span className="muted small">
            {selected.size > 0 ? `${selected.size} selected` : `Select tracks, or order ${isFiltered(filters) ? 'the filtered view' : 'the library'} (up to ${MAX_SET_TRACKS} tracks) into a harmonic set.`}
          </span>
          <div className="row">
            {selected.size > 0 && (
              <button type="button" className="button ghost small" onClick={() => setSelected(new Set())}>Clear selection</button>
            )}
            {selected.size > 0 && selected.size <= MAX_TAGGED_ZIP_TRACKS && (
              <a className="button ghost small" href={taggedZipUrl([...selected])} download
                title="The selected files, each with its BPM, key, genre and mood written into its own tags">
                Download tagged (zip)
              </a>
            )}
            {selected.size > MAX_TAGGED_ZIP_TRACKS && (
              <span className="muted small">Download tagged: at most {MAX_TAGGED_ZIP_TRACKS} tracks at a time</span>
            )}
            <button
              type="button"
              className="button primary small"
              disabled={selected.size === 1}
              onClick={() => navigate(selected.size > 1 ? setUrl({ ids: [...selected] }) : setUrl({ filter: toSearchParams({ ...filters, sort: DEFAULT_FILTERS.sort }) }))}
            >
              {selected.size > 1 ? `Build set from ${selected.size} tracks` : 'Build set'}
            </button>
          </div>
        </div>
      )}
      {state.status === 'error' && state.data && (
        <p className="notice" role="alert">Refreshing failed: {describeError(state.error)}</p>
      )}
      {body}
      {dialog}
    </div>
  );
}
