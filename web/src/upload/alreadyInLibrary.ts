import { getTrack } from '../api/tracks';
import type { Track } from '../api/types';

/** "You already have this recording: <name>", or undefined when the track repeats nothing the user had. */
export function alreadyInLibraryMessage(track: Pick<Track, 'alreadyInLibrary' | 'sameRecordingAs' | 'createdAt'>): string | undefined {
  if (!track.alreadyInLibrary) return undefined;
  const earlier = track.sameRecordingAs.filter((o) => Date.parse(o.createdAt) <= Date.parse(track.createdAt));
  if (earlier.length === 0) return undefined;
  return `You already have this recording: ${earlier.map((o) => o.title || o.fileName).join(', ')}`;
}

/**
 * After an upload's analysis completes, tells the user when it repeats a recording they already had (the upload is kept).
 * Notify pushes the completion while the Library stores it, so the track is read after a moment, and again while the
 * Library has not caught up; any failure just leaves the message out.
 */
export async function tellIfAlreadyInLibrary(trackId: string, tell: (message: string) => void, delayMs = 700, attempts = 3): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      const track = await getTrack(trackId);
      if (track.status !== 'analyzed') continue;
      const message = alreadyInLibraryMessage(track);
      if (message) tell(message);
      return;
    } catch {
      return;
    }
  }
}
