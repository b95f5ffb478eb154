// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest } from './client';

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the session cookie on every call and the antiforgery header only on state changes', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await apiRequest('/api/v1/audio');
    await apiRequest('/api/v1/audio/x', { method: 'DELETE' });
    const [getInit, deleteInit] = fetchMock.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1]);
    expect(getInit.credentials).toBe('same-origin');
    expect(deleteInit.credentials).toBe('same-origin');
    expect((getInit.headers as Record<string, string>)['X-CSRF']).toBeUndefined();
    expect((deleteInit.headers as Record<string, string>)['X-CSRF']).toBe('1');
  });

  it('turns problem details into an ApiError carrying them', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ title: 'Conflict', detail: 'The track is still being uploaded or analysed.' }), { status: 409 })));
    const error = await apiRequest('/api/v1/audio/analyze', { method: 'POST', body: { trackId: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).message).toBe('The track is still being uploaded or analysed.');
  });
});
