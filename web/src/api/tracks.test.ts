// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import { deleteTrack } from './tracks';

const problem = (status: number) =>
  new Response(JSON.stringify({ title: 'No such track.', status }), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('deleteTrack', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('treats a 404 (already deleted, e.g. from another tab) as done', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(404)));
    await expect(deleteTrack('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).resolves.toBeUndefined();
  });

  it('still reports any other refusal', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(403)));
    await expect(deleteTrack('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).rejects.toBeInstanceOf(ApiError);
  });
});
