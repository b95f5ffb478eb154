import { streamUrl } from '../api/tracks';
import type { TrackSummary } from '../api/types';

/**
 * Playlists of tracks as files a media player or a spreadsheet opens: the same columns and M3U lines as the CLI's
 * `export` (tools/Cli/Server/TrackOutput.cs), with each track's stream address on this server.
 */
export interface PlaylistRow {
  track: TrackSummary;
  /** Extra columns for this kind of list (the set's transition, the mix's similarity), by header. */
  extra?: Record<string, string>;
}

const absoluteStreamUrl = (id: string, origin: string) => new URL(streamUrl(id), origin).toString();

const titleOf = (t: TrackSummary) => t.title || t.fileName;

/**
 * An extended M3U: #EXTINF with the seconds (−1 when unknown) and "artist - title", then the stream address: the track's
 * signed link from `links` (by track id; see createStreamLinks), which a media player opens without the session.
 */
export function toM3u(rows: PlaylistRow[], origin = window.location.origin, links: ReadonlyMap<string, string> = new Map()): string {
  const lines = ['#EXTM3U'];
  for (const { track } of rows) {
    const seconds = track.analysis?.durationSeconds;
    const name = (track.artist ? `${track.artist} - ${titleOf(track)}` : titleOf(track)).replace(/[\r\n]+/g, ' ');
    lines.push(`#EXTINF:${seconds != null && Number.isFinite(seconds) ? Math.round(seconds) : -1},${name}`);
    const signed = links.get(track.id);
    lines.push(signed ? new URL(signed, origin).toString() : absoluteStreamUrl(track.id, origin));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: a field with a comma, quote or line break (or edge spaces) is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

const number = (value: number | null | undefined) => (value != null && Number.isFinite(value) ? String(value) : '');

/** A header row, then one row per track in the list's order; CRLF line ends, as the CLI writes them. */
export function toCsv(rows: PlaylistRow[], origin = window.location.origin): string {
  const extraHeaders = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ['position', 'trackId', 'title', 'artist', 'fileName', 'durationSeconds', 'tempoBpm', 'key', 'camelot', 'energy', ...extraHeaders, 'streamUrl'];
  const lines = [header];
  rows.forEach(({ track, extra }, i) => {
    const a = track.analysis;
    lines.push([
      String(i + 1), track.id, track.title ?? '', track.artist ?? '', track.fileName, number(a?.durationSeconds), number(a?.tempoBpm),
      a?.key ?? '', a?.camelot ?? '', number(a?.energy), ...extraHeaders.map((h) => extra?.[h] ?? ''), absoluteStreamUrl(track.id, origin),
    ]);
  });
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Hands the text to the browser as a file download. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL can go once the event loop has turned.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const M3U_TYPE = 'audio/x-mpegurl';
export const CSV_TYPE = 'text/csv;charset=utf-8';
