import { API_BASE, mutationHeaders, parseProblem, reportUnauthorized } from '../api/client';
import type { UploadedTrack } from '../api/types';
import type { UploadTransport } from './uploadQueue';

/** POSTs one file as multipart part `file`, reporting bytes sent through XMLHttpRequest's upload events. */
export const xhrTransport: UploadTransport = (file, onProgress) => {
  const xhr = new XMLHttpRequest();
  const result = new Promise<Awaited<ReturnType<UploadTransport>['result']>>((resolve) => {
    xhr.open('POST', `${API_BASE}/audio/upload`);
    xhr.withCredentials = false; // same origin: the session cookie goes anyway
    for (const [name, value] of Object.entries(mutationHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 202 || xhr.status === 200 || xhr.status === 201) {
        try {
          const body = JSON.parse(xhr.responseText) as UploadedTrack[] | UploadedTrack;
          resolve({ ok: true, tracks: Array.isArray(body) ? body : [body] });
        } catch {
          resolve({ ok: true, tracks: [] });
        }
        return;
      }
      if (xhr.status === 401) reportUnauthorized();
      const problem = parseProblem(xhr.status, xhr.responseText, xhr.statusText);
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (xhr.status === 429 && retryAfter && !problem.detail) {
        problem.detail = `Try again in ${retryAfter} seconds.`;
      }
      resolve({ ok: false, problem });
    };
    xhr.onerror = () => resolve({ ok: false, problem: { status: 0, title: 'Upload failed', detail: 'The connection was lost while sending the file.' } });
    xhr.onabort = () => resolve({ ok: false, problem: { status: 0, title: 'Cancelled' } });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { result, abort: () => xhr.abort() };
};
