import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seedProcessedSession } from './agents-fixture.js';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

type FullFrame = { id: string; ariaTree: unknown[] } & Record<string, unknown>;

describe('the session page’s light reads (ext)', () => {
  const t = useTestApp();

  it('GET /sessions/:id/overview is the session with its frames less their trees; /frames/:frameId one whole frame', async () => {
    const owner = await signup(t.app);
    const id = await seedProcessedSession(t.app, owner);
    const full = (await t.app.inject({ method: 'GET', url: `/api/sessions/${id}`, headers: owner.auth })).json() as { frames: FullFrame[] };
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/overview`, headers: owner.auth });
    expect(res.statusCode).toBe(200);
    const overview = res.json() as { frames: Record<string, unknown>[] };
    // The same frames, less their trees, with a smaller WebP picture in place of the stored PNG.
    expect(overview.frames).toEqual(full.frames.map(({ ariaTree: _tree, ...rest }) => ({ ...rest, thumbnailUrl: expect.stringMatching(/^data:image\/webp;base64,/) })));
    for (const f of overview.frames) {
      const meta = await sharp(Buffer.from(String(f.thumbnailUrl).split(',')[1]!, 'base64')).metadata();
      expect([meta.format, meta.width! <= 320, meta.height! <= 200]).toEqual(['webp', true, true]);
    }
    expect({ ...overview, frames: [] }).toEqual({ ...full, frames: [] });
    expect(res.body.length).toBeLessThan(JSON.stringify(full).length);

    for (const f of full.frames) {
      const one = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/frames/${f.id}`, headers: owner.auth });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual(f);
    }
  });

  it('is 404 for another account, an unknown frame or a frame of another session; 401 without a token', async () => {
    const owner = await signup(t.app);
    const other = await signup(t.app);
    const id = await seedProcessedSession(t.app, owner);
    const second = await seedProcessedSession(t.app, owner, 'Another');
    const frameId = ((await t.app.inject({ method: 'GET', url: `/api/sessions/${id}`, headers: owner.auth })).json() as { frames: { id: string }[] }).frames[0]!.id;
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/overview`, headers: other.auth }), 404, 'Session not found');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/frames/${frameId}`, headers: other.auth }), 404, 'Frame not found');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${second}/frames/${frameId}`, headers: owner.auth }), 404, 'Frame not found');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/frames/frm_000000000000`, headers: owner.auth }), 404, 'Frame not found');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/overview` }), 401);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/frames/${frameId}` }), 401);
  });

  it('GET /sessions/:id/thumbnail: a small WebP of the first frame, cached by ETag; 404 before there is a frame', async () => {
    const owner = await signup(t.app);
    const other = await signup(t.app);
    const id = await seedProcessedSession(t.app, owner);
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/thumbnail`, headers: owner.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('private, max-age=86400');
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(160);
    expect(meta.height).toBeLessThanOrEqual(100);
    const again = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/thumbnail`, headers: { ...owner.auth, 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/thumbnail`, headers: other.auth }), 404);
    const bare = await createSession(t.app, owner, { title: 'no frames yet' });
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${bare.id}/thumbnail`, headers: owner.auth }), 404, 'Thumbnail not found');
  });
});
