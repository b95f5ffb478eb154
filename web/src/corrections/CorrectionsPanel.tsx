import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { clearCorrection, correctTrack } from '../api/tracks';
import { describeError } from '../api/client';
import type { CorrectedField, CorrectionRequest, LearnedLabel, Track } from '../api/types';
import { formatTempo } from '../lib/format';
import { useToast } from '../ui/Toasts';
import {
  GENRES, INSTRUMENTS, KEYS, MOODS, TIME_SIGNATURES, addTap, analysisSaid, correctedHint, learnedText, octave, ownership, parseInstruments, parseTempo, tapTempo,
} from './corrections';

const FIELD_NAMES: Record<CorrectedField, string> = {
  tempoBpm: 'tempo', key: 'key', timeSignature: 'meter', genre: 'genre', mood: 'mood', instruments: 'instruments',
};

/** The "yours" mark of a corrected value, what the analysis said, and the reset back to it. */
function Ownership({ track, field, onReset, busy }: { track: Track; field: CorrectedField; onReset: (field: CorrectedField) => void; busy: boolean }) {
  const owner = ownership(track.corrections, field);
  if (!owner) return <span className="muted small">from the analysis</span>;
  return (
    <span className="row small">
      <span className="chip correction-mark" data-field={field}>{owner}</span>
      <span className="muted">{analysisSaid(track.corrections, field)}</span>
      <button type="button" className="button ghost small" onClick={() => onReset(field)} disabled={busy} aria-label={`Reset the ${FIELD_NAMES[field]} to the analysis`}>
        Reset
      </button>
    </span>
  );
}

/** One text value with its own Set button; sends it as typed (the Library checks it). */
function TextCorrection({ label, initial, options, placeholder, onSet, busy }: {
  label: string; initial: string; options?: readonly string[]; placeholder?: string; onSet: (value: string) => void; busy: boolean;
}) {
  const [value, setValue] = useState(initial);
  const list = options ? `options-${label.toLowerCase()}` : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSet(value.trim());
  };
  return (
    <form className="row" onSubmit={submit}>
      <input className="input" aria-label={`Your ${label.toLowerCase()}`} value={value} onChange={(e) => setValue(e.target.value)} list={list} placeholder={placeholder} />
      {list && <datalist id={list}>{options!.map((o) => <option key={o} value={o} />)}</datalist>}
      <button type="submit" className="button" disabled={busy || !value.trim()}>Set {label.toLowerCase()}</button>
    </form>
  );
}

/** What the owner's corrections of their other tracks suggest, with an Accept that makes it theirs; "not sure" muted with its reason. */
function Learned({ label, field, onAccept, busy }: { label: LearnedLabel | null | undefined; field: 'genre' | 'mood'; onAccept: (name: string) => void; busy: boolean }) {
  const text = learnedText(label);
  if (!label || !text) return null;
  const name = label.name;
  return (
    <p className={`row small learned${name ? '' : ' muted'}`} data-field={field}>
      <span>Learned from your corrections: {text}</span>
      {name && (
        <button type="button" className="button small" disabled={busy} onClick={() => onAccept(name)} aria-label={`Accept ${name} as your ${field}`}>
          Accept
        </button>
      )}
    </p>
  );
}

function Row({ label, value, children }: { label: string; value: ReactNode; children: ReactNode }) {
  return (
    <div className="correction-row">
      <dt>{label}</dt>
      <dd className="correction-value">{value}</dd>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The owner's corrections of tempo (×2, ½, typed or tapped), key, meter, genre, mood and instruments. Each value set
 * wins over the analysis everywhere (list, filters, suggestions, tagged downloads) and survives a re-analysis; a
 * corrected value is marked "yours" (or "your preference", for a tempo set from earlier ×2/½ corrections) with a reset.
 * Genre and mood also show what the owner's corrections of their other tracks suggest (the Library's learnedLabels).
 */
export function CorrectionsPanel({ track, onChanged }: { track: Track; onChanged: (track: Track) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [tempoText, setTempoText] = useState('');
  const taps = useRef<number[]>([]);
  const [tapped, setTapped] = useState<number | null>(null);
  const a = track.analysis;
  const tempo = a?.tempoBpm;

  const run = async (change: () => Promise<Track>, done: string) => {
    setBusy(true);
    try {
      onChanged(await change());
      toast(done, 'success');
    } catch (error) {
      toast(`Not saved: ${describeError(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  const set = (values: CorrectionRequest, what: string) => run(() => correctTrack(track.id, values), `Your ${what} is saved.`);
  const reset = (field: CorrectedField) => run(() => clearCorrection(track.id, field), `The ${FIELD_NAMES[field]} is the analysis's again.`);
  const tap = () => {
    taps.current = addTap(taps.current, performance.now());
    setTapped(tapTempo(taps.current));
  };
  const doubled = octave(tempo, 2);
  const halved = octave(tempo, 0.5);
  const typed = parseTempo(tempoText);

  return (
    <section className="panel glass corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Your corrections</h2>
      <p className="muted small">What you set wins over the analysis everywhere: lists, filters, mix suggestions and tagged downloads. A new analysis keeps it.</p>
      <dl className="correction-list">
        <Row label="Tempo" value={<span data-testid="corrected-tempo">{formatTempo(tempo, 1)}</span>}>
          <Ownership track={track} field="tempoBpm" onReset={reset} busy={busy} />
          <div className="row">
            <button type="button" className="button" disabled={busy || doubled === null} onClick={() => doubled !== null && set({ tempoBpm: doubled }, 'tempo')}
              aria-label="Double the tempo">×2</button>
            <button type="button" className="button" disabled={busy || halved === null} onClick={() => halved !== null && set({ tempoBpm: halved }, 'tempo')}
              aria-label="Halve the tempo">½</button>
            <form className="row" onSubmit={(e) => { e.preventDefault(); if (typed !== null) set({ tempoBpm: typed }, 'tempo'); }}>
              <input className="input narrow" inputMode="decimal" aria-label="Your tempo in BPM" placeholder="BPM" value={tempoText} onChange={(e) => setTempoText(e.target.value)} />
              <button type="submit" className="button" disabled={busy || typed === null}>Set tempo</button>
            </form>
            <button type="button" className="button ghost" onClick={tap} aria-label="Tap the beat">Tap</button>
            {tapped !== null && (
              <button type="button" className="button" disabled={busy} onClick={() => set({ tempoBpm: tapped }, 'tempo')}>Use {tapped.toFixed(1)} BPM</button>
            )}
          </div>
        </Row>
        <Row label="Key" value={<span data-testid="corrected-key">{a?.key ? `${a.key} · ${a.camelot ?? ''}` : '–'}</span>}>
          <Ownership track={track} field="key" onReset={reset} busy={busy} />
          <TextCorrection label="Key" initial="" options={KEYS} placeholder="A minor, F#m, 8A" onSet={(key) => set({ key }, 'key')} busy={busy} />
        </Row>
        <Row label="Meter" value={a?.timeSignature ?? '–'}>
          <Ownership track={track} field="timeSignature" onReset={reset} busy={busy} />
          <div className="row">
            {TIME_SIGNATURES.map((meter) => (
              <button key={meter} type="button" className={`button small${a?.timeSignature === meter ? ' primary' : ''}`} disabled={busy}
                onClick={() => set({ timeSignature: meter }, 'meter')}>{meter}</button>
            ))}
          </div>
        </Row>
        <Row label="Genre" value={a?.genres?.[0]?.name ?? '–'}>
          <Ownership track={track} field="genre" onReset={reset} busy={busy} />
          <Learned label={track.learnedLabels?.genre} field="genre" onAccept={(genre) => set({ genre }, 'genre')} busy={busy} />
          <TextCorrection label="Genre" initial="" options={GENRES} onSet={(genre) => set({ genre }, 'genre')} busy={busy} />
        </Row>
        <Row label="Mood" value={a?.moods?.[0]?.name ?? '–'}>
          <Ownership track={track} field="mood" onReset={reset} busy={busy} />
          <Learned label={track.learnedLabels?.mood} field="mood" onAccept={(mood) => set({ mood }, 'mood')} busy={busy} />
          <TextCorrection label="Mood" initial="" options={MOODS} onSet={(mood) => set({ mood }, 'mood')} busy={busy} />
        </Row>
        <Row label="Instruments" value={(a?.instruments ?? []).map((label) => label.name).join(', ') || '–'}>
          <Ownership track={track} field="instruments" onReset={reset} busy={busy} />
          <TextCorrection label="Instruments" initial="" placeholder={INSTRUMENTS.slice(0, 3).join(', ')}
            onSet={(text) => { const instruments = parseInstruments(text); if (instruments.length) void set({ instruments }, 'instruments'); }} busy={busy} />
        </Row>
      </dl>
    </section>
  );
}

/** A small mark after a value in a list row that is the owner's (or their preference's), saying what the analysis said. */
export function YoursMark({ corrections, field }: { corrections: Track['corrections'] | undefined; field: CorrectedField }) {
  const hint = correctedHint(corrections, field);
  return hint ? <span className="yours-mark" title={hint} aria-label={hint}>✎</span> : null;
}

/** On a list row: the label the owner's corrections of their other tracks suggest, when it names one (not their own). */
export function LearnedMark({ label, field }: { label: LearnedLabel | null | undefined; field: 'genre' | 'mood' }) {
  const text = learnedText(label);
  if (!text || !label?.name) return null;
  return (
    <span className="learned-mark small" data-field={field} title={`Learned from your corrections: ${text}`}>
      learned: {label.name}
    </span>
  );
}
