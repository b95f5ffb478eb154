import { useId, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { useLiveTrack } from '../live/LiveContext';
import { STAGE_LABELS } from '../live/liveTracks';
import { formatBytes } from '../lib/format';
import { ProgressBar } from '../ui/StatusBadge';
import { useUploadQueue, useUploads } from '../upload/UploadContext';
import { isFinished, type UploadItem } from '../upload/uploadQueue';
import { useTitle } from '../lib/useTitle';

const ACCEPT = '.mp3,.wav,.wave,.flac,.aif,.aiff,.ogg,.oga,audio/*';

/** The sentence shown for a file the server refused or that could not be sent. */
export function refusalMessage(item: UploadItem): string {
  const p = item.problem;
  if (!p) return '';
  switch (p.status) {
    case 413:
      return p.detail ?? 'This file is too big: the limit is 100 MB per file.';
    case 415:
      return p.detail ?? 'This is not a supported audio file (MP3, WAV, FLAC, AIFF or OGG).';
    case 429:
      return `Too many uploads at once. ${p.detail ?? 'Try again in a moment.'}`;
    case 401:
      return 'Your session has ended: sign in again, then retry.';
    case 0:
      return p.detail ?? 'The server could not be reached.';
    default:
      return [p.title, p.detail].filter(Boolean).join(': ') || 'The upload failed.';
  }
}

function AnalysisProgress({ trackId }: { trackId: string }) {
  const live = useLiveTrack(trackId);
  const status = live?.status ?? 'uploaded';
  if (status === 'analyzed') {
    return (
      <p className="upload-status ok">
        Analysed · <Link to={`/tracks/${trackId}`}>open the analysis</Link>
      </p>
    );
  }
  if (status === 'failed') return <p className="upload-status error">Analysis failed: {live?.error}</p>;
  if (status === 'deleted') return <p className="upload-status muted">Deleted.</p>;
  const stage = status === 'analyzing' ? STAGE_LABELS[live?.stage ?? ''] ?? live?.stage ?? 'Starting' : 'Waiting for the analyser';
  return (
    <>
      <ProgressBar value={live?.percent ?? 0} label="Analysis progress" indeterminate={status === 'uploaded'} />
      <p className="upload-status muted">
        Uploaded · Analysis: {stage}
        {status === 'analyzing' && live?.percent !== undefined ? ` · ${live.percent}%` : ''}
      </p>
    </>
  );
}

function UploadRow({ item }: { item: UploadItem }) {
  const queue = useUploadQueue();
  const percent = item.total ? (item.loaded / item.total) * 100 : 0;
  return (
    <li className={`upload-item panel state-${item.state}`}>
      <div className="upload-head">
        <span className="upload-name" title={item.fileName}>{item.fileName}</span>
        <span className="muted small">{formatBytes(item.size)}</span>
        {!isFinished(item) && (
          <button type="button" className="button ghost small" onClick={() => queue.cancel(item.id)} aria-label={`Cancel ${item.fileName}`}>Cancel</button>
        )}
        {(item.state === 'failed' || item.state === 'cancelled') && (
          <button type="button" className="button small" onClick={() => queue.retry(item.id)} aria-label={`Retry ${item.fileName}`}>Retry</button>
        )}
      </div>
      {item.state === 'queued' && <p className="upload-status muted">Waiting to upload…</p>}
      {(item.state === 'uploading' || item.state === 'checking') && (
        <>
          <ProgressBar value={percent} label={`Upload of ${item.fileName}`} indeterminate={item.state === 'checking'} />
          <p className="upload-status muted">
            {item.state === 'checking'
              ? 'Checking the file…'
              : `Uploading ${formatBytes(item.loaded)} of ${formatBytes(item.total)} · ${Math.floor(percent)}%`}
          </p>
        </>
      )}
      {item.state === 'uploaded' && item.track && <AnalysisProgress trackId={item.track.id} />}
      {(item.state === 'refused' || item.state === 'failed') && (
        <p className="upload-status error" role="alert">{refusalMessage(item)}</p>
      )}
      {item.state === 'cancelled' && <p className="upload-status muted">Cancelled.</p>}
    </li>
  );
}

export function UploadPage() {
  useTitle('Upload');
  const queue = useUploadQueue();
  const uploads = useUploads();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  const addFiles = (files: FileList | null) => {
    if (files && files.length > 0) queue.add(Array.from(files));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  const finished = uploads.filter(isFinished).length;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Upload</h1>
        {finished > 0 && (
          <button type="button" className="button ghost small" onClick={() => queue.clearFinished()}>Clear finished</button>
        )}
      </div>
      <div
        className={`dropzone glass${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone-title">Drop audio files here</p>
        <p className="muted" id={hintId}>MP3, WAV, FLAC, AIFF or OGG, up to 100 MB each. Uploads go on while you browse.</p>
        <button type="button" className="button primary" onClick={() => input.current?.click()} aria-describedby={hintId}>
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden"
          aria-label="Audio files to upload"
          tabIndex={-1}
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {uploads.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title" className="visually-hidden">Uploads</h2>
          <ul className="uploads">
            {uploads.map((item) => (
              <UploadRow key={item.id} item={item} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
