import { useState } from 'react';
import { deleteTrack } from '../api/tracks';
import { describeError } from '../api/client';
import type { TrackSummary } from '../api/types';

/** What deleting needs of a track: a list row and the detail both have it. */
type DeletableTrack = Pick<TrackSummary, 'id' | 'title' | 'fileName'>;
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useToast } from '../ui/Toasts';

/** Asks before deleting; answers a function to ask and the dialog to render. */
export function useDeleteTrack(onDeleted: (track: DeletableTrack) => void) {
  const [pending, setPending] = useState<DeletableTrack | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const dialog = pending && (
    <ConfirmDialog
      title="Delete this track?"
      confirmLabel="Delete"
      busy={busy}
      onCancel={() => setPending(null)}
      onConfirm={async () => {
        setBusy(true);
        try {
          await deleteTrack(pending.id);
          toast(`Deleted "${pending.title || pending.fileName}".`, 'success');
          onDeleted(pending);
          setPending(null);
        } catch (error) {
          toast(`Could not delete: ${describeError(error)}`, 'error');
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>
        "{pending.title || pending.fileName}" and its analysis, waveform and spectrogram will be removed. This cannot be undone.
      </p>
    </ConfirmDialog>
  );

  return { askDelete: setPending as (track: DeletableTrack) => void, dialog };
}
