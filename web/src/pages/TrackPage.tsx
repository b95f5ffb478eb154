import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, describeError } from '../api/client';
import { getSimilar, getTrack, getWaveform, reanalyzeTrack, spectrogramUrl, streamUrl } from '../api/tracks';
import type { Track } from '../api/types';
import { ConfidenceList, Gauge } from '../charts/Gauge';
import { CorrectionsPanel } from '../corrections/CorrectionsPanel';
import { correctedHint } from '../corrections/corrections';
import { WaveformView } from '../charts/WaveformView';
import { useDeleteTrack } from '../library/useDeleteTrack';
import { SameRecordingPanel } from '../library/Duplicates';
import { InstantMixPanel, NextTracksPanel } from '../mixing/NextTracksPanel';
import { useLiveEvents, useLiveTrack } from '../live/LiveContext';
import { STAGE_LABELS } from '../live/liveTracks';
import { formatBytes, formatDate, formatDuration, formatNumber, formatTempo, tempoHint, topLabel } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { useTitle } from '../lib/useTitle';
import { Skeleton, SkeletonPanel } from '../ui/Skeleton';
import { ProgressBar, StatusBadge } from '../ui/StatusBadge';
import { useToast } from '../ui/Toasts';

function Fact({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <div className="fact panel glass">
      <dt className="muted">{label}</dt>
      <dd>{value}</dd>
      {hint && <dd className="muted small">{hint}</dd>}
    </div>
  );
}

/**
 * Whether the analysis wrote the waveform and spectrogram: it has completed once (a re-analysis keeps the previous
 * ones meanwhile) and did not end in failure. Asking before that only earns a 404 in the console.
 */
function hasDerivedImages(track: Track): boolean {
  return track.status !== 'failed' && Boolean(track.analysis);
}

function Waveform({ track, time, onSeek }: { track: Track; time: number; onSeek: (seconds: number) => void }) {
  const waveform = useAsync((signal) => getWaveform(track.id, signal), [track.id, track.analyzedAt]);
  const a = track.analysis;
  if (waveform.status === 'ready') {
    return <WaveformView waveform={waveform.data} beats={a?.beatTimes ?? []} duration={a?.durationSeconds ?? 0} currentTime={time} onSeek={onSeek} />;
  }
  if (waveform.status === 'error') return <p className="muted">The waveform is not available.</p>;
  return <Skeleton height="140px" />;
}

function Player({ track }: { track: Track }) {
  const audio = useRef<HTMLAudioElement>(null);
  const [time, setTime] = useState(0);
  const a = track.analysis;
  const seek = useCallback((seconds: number) => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = seconds;
    setTime(seconds);
  }, []);

  return (
    <section className="panel glass" aria-labelledby="player-title">
      <h2 id="player-title">Playback</h2>
      {hasDerivedImages(track) ? (
        <Waveform track={track} time={time} onSeek={seek} />
      ) : (
        <p className="muted">{track.status === 'failed' ? 'No waveform: the analysis failed.' : 'The waveform appears when the analysis finishes.'}</p>
      )}
      <audio ref={audio} controls preload="metadata" src={streamUrl(track.id)} onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)} className="audio">
        Your browser cannot play this audio.
      </audio>
      {hasDerivedImages(track) && a?.beatTimes && a.beatTimes.length > 0 && <p className="muted small">Faint lines mark the {a.beatTimes.length} tracked beats.</p>}
    </section>
  );
}

function Spectrogram({ track }: { track: Track }) {
  const src = `${spectrogramUrl(track.id)}${track.analyzedAt ? `?v=${encodeURIComponent(track.analyzedAt)}` : ''}`;
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (failedSrc === src) return <p className="spectrogram-missing muted">The spectrogram is not available for this track.</p>;
  return (
    <img
      className="spectrogram"
      src={src}
      alt="Mel spectrogram: time from left to right, pitch from low at the bottom to high at the top, brighter is louder"
      loading="lazy"
      width={1024}
      height={256}
      onError={() => setFailedSrc(src)}
    />
  );
}

/** Asked again when the analysis changes: before it ends the Library answers 409 with the reason, which is not a failure. */
function Similar({ id, analyzedAt }: { id: string; analyzedAt?: string | null }) {
  const similar = useAsync((signal) => getSimilar(id, 10, signal), [id, analyzedAt]);
  let body: ReactNode;
  if (similar.status === 'loading') body = <Skeleton height="5rem" />;
  else if (similar.status === 'error' && similar.error instanceof ApiError && similar.error.status === 409) {
    body = <p className="muted">No similar tracks yet. {similar.error.message}</p>;
  } else if (similar.status === 'error') body = <p className="muted">Similar tracks could not be loaded: {describeError(similar.error)}</p>;
  else if (!similar.data || similar.data.length === 0) {
    body = <p className="muted">No similar tracks yet. They appear once more of your library is analysed.</p>;
  } else {
    body = (
      <ul className="similar">
        {similar.data.map(({ track, score, reasons }) => (
          <li key={track.id}>
            <Link to={`/tracks/${track.id}`} className="similar-row">
              <span className="recent-title">{track.title || track.fileName}</span>
              <span className="chip">{Math.round(Math.max(0, score) * 100)}% alike</span>
              {reasons.length > 0 && <span className="muted small">{reasons.join(' · ')}</span>}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section className="panel glass" aria-labelledby="similar-title">
      <h2 id="similar-title">Similar tracks</h2>
      {body}
    </section>
  );
}

const RELOAD_ON = new Set(['analysisCompleted', 'analysisFailed', 'analysisStarted', 'trackCorrected']);

export default function TrackPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const [version, setVersion] = useState(0);
  const state = useAsync((signal) => getTrack(id, signal), [id, version]);
  const live = useLiveTrack(id);
  const [busy, setBusy] = useState(false);
  const { askDelete, dialog } = useDeleteTrack(() => navigate('/library'));
  // After a re-analysis request, live events older than the request no longer describe the track.
  const [staleBeforeSeq, setStaleBeforeSeq] = useState<number | undefined>(undefined);
  useTitle(state.data ? state.data.title || state.data.fileName : 'Track');

  useLiveEvents(
    (n) => {
      if (n.trackId !== id) return;
      // trackCorrected: corrected in another tab or by the CLI (or this tab's own change, echoed: the reload finds the same).
      if (RELOAD_ON.has(n.type)) setVersion((v) => v + 1);
      if (n.type === 'trackDeleted') navigate('/library');
    },
    () => setVersion((v) => v + 1),
  );

  if (state.status === 'error' && !state.data) {
    const missing = state.error instanceof ApiError && state.error.status === 404;
    return (
      <section className="panel empty" role="alert">
        <h1>{missing ? 'Track not found' : 'The track could not be loaded'}</h1>
        <p className="muted">{missing ? 'It may have been deleted.' : describeError(state.error)}</p>
        <Link to="/library" className="button primary">Back to the library</Link>
      </section>
    );
  }
  if (!state.data) {
    return (
      <div className="page">
        <Skeleton width="50%" height="2rem" />
        <SkeletonPanel label="Loading the track" height="10rem" />
        <SkeletonPanel label="Loading the analysis" />
      </div>
    );
  }

  const track = state.data;
  const a = track.analysis;
  const freshLive = live && live.status !== 'deleted' && (staleBeforeSeq === undefined || live.updatedSeq > staleBeforeSeq) ? live : undefined;
  const status = freshLive?.status ?? track.status;

  const reanalyse = async () => {
    setBusy(true);
    try {
      await reanalyzeTrack(track.id);
      setStaleBeforeSeq(live?.updatedSeq ?? 0);
      toast('Analysis started again.', 'success');
      setVersion((v) => v + 1);
    } catch (error) {
      toast(error instanceof ApiError && error.status === 409 ? 'This track is still being analysed.' : `Could not start: ${describeError(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow"><Link to="/library">Library</Link> /</p>
          <h1 className="track-heading">{track.title || track.fileName}</h1>
          <p className="muted">
            {[track.artist, track.fileName, track.format.toUpperCase(), formatBytes(track.sizeBytes), `uploaded ${formatDate(track.createdAt)}`].filter(Boolean).join(' · ')}
          </p>
        </div>
        <div className="row">
          <StatusBadge status={track.status} live={freshLive} />
          <button type="button" className="button" onClick={reanalyse} disabled={busy || status === 'analyzing' || status === 'uploaded'}>
            Re-analyse
          </button>
          <button type="button" className="button ghost" onClick={() => askDelete(track)}>Delete</button>
        </div>
      </div>

      {(status === 'analyzing' || status === 'uploaded') && (
        <section className="panel glass" aria-live="polite">
          <h2>Analysing</h2>
          <ProgressBar value={freshLive?.percent ?? 0} label="Analysis progress" indeterminate={status === 'uploaded' || !freshLive} />
          <p className="muted">{status === 'uploaded' ? 'Waiting for the analyser…' : `${STAGE_LABELS[freshLive?.stage ?? ''] ?? 'Working'}${freshLive?.percent !== undefined ? ` · ${freshLive.percent}%` : ''}`}</p>
        </section>
      )}
      {status === 'failed' && (
        <section className="panel notice" role="alert">
          <h2>The analysis failed</h2>
          <p>{freshLive?.error ?? track.error ?? 'No reason was given.'}</p>
        </section>
      )}

      <SameRecordingPanel track={track} />

      <Player track={track} />

      {a && (
        <>
          <dl className="facts">
            <Fact label="Tempo" value={formatTempo(a.tempoBpm, 1)} hint={correctedHint(track.corrections, 'tempoBpm') ?? tempoHint(a)} />
            <Fact label="Key" value={a.key ?? '–'} hint={correctedHint(track.corrections, 'key') ?? (a.key ? `${a.camelot ?? ''}${a.keyConfidence != null ? ` · ${Math.round(a.keyConfidence * 100)}% sure` : ''}${a.keyRunnerUp ? ` · else ${a.keyRunnerUp}` : ''}` : (a.keyMissingReason ?? undefined))} />
            <Fact label="Meter" value={a.timeSignature ?? '–'}
              hint={correctedHint(track.corrections, 'timeSignature') ?? (a.timeSignatureConfidence != null ? `${Math.round(a.timeSignatureConfidence * 100)}% sure` : undefined)} />
            <Fact label="Length" value={formatDuration(a.durationSeconds)} />
            <Fact label="Loudness" value={`${formatNumber(a.loudnessLufs, 1)} LUFS`} hint="integrated" />
            <Fact label="Loudness range" value={`${formatNumber(a.loudnessRangeLu, 1)} LU`} />
            <Fact label="True peak" value={`${formatNumber(a.truePeakDbtp, 1)} dBTP`} hint={a.truePeakDbtp != null && a.truePeakDbtp > -1 ? 'above −1 dBTP: may clip after encoding' : undefined} />
            <Fact label="Brightness" value={`${formatNumber((a.spectralCentroidHz ?? NaN) / 1000, 2)} kHz`} hint="spectral centroid" />
          </dl>

          <div className="grid two">
            <section className="panel glass" aria-labelledby="feel-title">
              <h2 id="feel-title">Feel</h2>
              <div className="gauges">
                <Gauge label="Energy" value={a.energy ?? undefined} hue={320} />
                <Gauge label="Danceability" value={a.danceability ?? undefined} hue={180} />
                <Gauge label="Valence" value={a.valence ?? undefined} hue={270} />
              </div>
            </section>
            <section className="panel glass" aria-labelledby="about-title">
              <h2 id="about-title">About this track</h2>
              <p>{a.description || <span className="muted">No description yet.</span>}</p>
              {a.tags && a.tags.length > 0 && (
                <ul className="tags" aria-label="Tags">
                  {a.tags.map((t) => (
                    <li key={t}><Link className="chip" to={`/library?q=${encodeURIComponent(t)}`}>{t}</Link></li>
                  ))}
                </ul>
              )}
              {topLabel(a.genres) && <p className="muted small">Mostly {topLabel(a.genres)}{topLabel(a.moods) ? `, ${topLabel(a.moods)}` : ''}.</p>}
            </section>
          </div>

          <section className="panel glass" aria-labelledby="labels-title">
            <h2 id="labels-title">Genre, mood and instruments</h2>
            {a.labelsUnknownReason && <p className="muted">Unknown: {a.labelsUnknownReason}</p>}
            <div className="grid three">
              <ConfidenceList title="Genre" labels={a.genres} />
              <ConfidenceList title="Mood" labels={a.moods} />
              <ConfidenceList title="Instruments" labels={a.instruments} />
            </div>
          </section>

          {hasDerivedImages(track) && (
            <section className="panel glass" aria-labelledby="spectrogram-title">
              <h2 id="spectrogram-title">Spectrogram</h2>
              <Spectrogram track={track} />
            </section>
          )}
        </>
      )}

      {track.status === 'analyzed' && a && <CorrectionsPanel track={track} onChanged={() => setVersion((v) => v + 1)} />}

      {track.status === 'analyzed' && (
        <div className="grid two">
          <NextTracksPanel trackId={track.id} analyzedAt={track.analyzedAt} />
          <InstantMixPanel trackId={track.id} title={track.title || track.fileName} />
        </div>
      )}

      {track.status === 'analyzed' ? (
        <Similar id={track.id} analyzedAt={track.analyzedAt} />
      ) : (
        <section className="panel glass" aria-labelledby="similar-title">
          <h2 id="similar-title">Similar tracks</h2>
          <p className="muted">{track.status === 'failed' ? 'None: similar tracks are found only for analysed tracks.' : 'Similar tracks are found once the analysis finishes.'}</p>
        </section>
      )}
      {dialog}
    </div>
  );
}

