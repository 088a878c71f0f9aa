import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { completeSessionProcessing, schema } from '@claude-scope/db';
import { playbackKey } from '@claude-scope/storage';
import { createSession, expectError, signup, useTestApp, type TestUser } from './helpers.js';

/**
 * (ext) GET /sessions/:id/playback and …/playback/link against real Postgres and S3: the copy the video lane
 * stores for a session that keeps one (the worker's side is proved in services/worker/test/playback.test.ts).
 */
describe('playback copy (ext)', () => {
  const t = useTestApp();
  const COPY = randomBytes(10_000); // the bytes stand in for a webm: the route streams whatever is stored

  /** A completed session of `owner`'s whose copy is stored (as synthesis records the video lane's key). */
  async function withCopy(owner: TestUser, body: Buffer = COPY): Promise<string> {
    const s = await createSession(t.app, owner, { title: 'kept' });
    const key = playbackKey(s.id);
    await t.app.storage.putStream(key, Readable.from(body), { contentType: 'video/webm' });
    await t.app.db.update(schema.sessions).set({ status: 'processing' }).where(eq(schema.sessions.id, s.id));
    expect(await completeSessionProcessing(t.app.db, s.id, { frames: [], duration: 1, urls: [], prompt: 'p', analysis: null, playbackKey: key })).toBe(true);
    return s.id;
  }

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('keepPlayback is off by default, and PATCH turns it on; settings apply to the sessions of later uploads only', async () => {
    const u = await signup(t.app);
    expect((await get('/api/settings', u.auth)).json().keepPlayback).toBe(false);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload: { keepPlayback: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().keepPlayback).toBe(true);
    expect((await get('/api/settings', u.auth)).json().keepPlayback).toBe(true);
  });

  it('streams the whole copy (200) with its length, type and Accept-Ranges', async () => {
    const owner = await signup(t.app);
    const id = await withCopy(owner);
    const res = await get(`/api/sessions/${id}/playback`, owner.auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/webm');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Number(res.headers['content-length'])).toBe(COPY.length);
    expect(res.rawPayload.equals(COPY)).toBe(true);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=9990-', 9990, 9999],
    ['bytes=-10', 9990, 9999],
    ['bytes=5000-99999', 5000, 9999], // an end past the object is cut to it
  ])('Range %s → 206 with exactly those bytes', async (range, start, end) => {
    const owner = await signup(t.app);
    const id = await withCopy(owner);
    const res = await get(`/api/sessions/${id}/playback`, { ...owner.auth, range });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${COPY.length}`);
    expect(Number(res.headers['content-length'])).toBe(end - start + 1);
    expect(res.headers['content-type']).toBe('video/webm');
    expect(res.rawPayload.equals(COPY.subarray(start, end + 1))).toBe(true);
  });

  it('416 with the size in Content-Range for a range past the end; a malformed or multiple Range is ignored (200)', async () => {
    const owner = await signup(t.app);
    const id = await withCopy(owner);
    const past = await get(`/api/sessions/${id}/playback`, { ...owner.auth, range: `bytes=${COPY.length}-` });
    expectError(past, 416, /the playback copy has 10000 bytes/);
    expect(past.headers['content-range']).toBe(`bytes */${COPY.length}`);
    for (const range of ['bytes=abc', 'items=0-5', 'bytes=0-1,5-6', 'bytes=9-3']) {
      const res = await get(`/api/sessions/${id}/playback`, { ...owner.auth, range });
      expect(res.statusCode, range).toBe(200);
      expect(res.rawPayload.length).toBe(COPY.length);
    }
  });

  it('404 for a session without a copy, another account\'s session (tenant isolation) and an unknown id; 401 without a token', async () => {
    const owner = await signup(t.app);
    const other = await signup(t.app);
    const id = await withCopy(owner);
    const plain = await createSession(t.app, owner, { title: 'no copy' });
    expectError(await get(`/api/sessions/${plain.id}/playback`, owner.auth), 404, 'Playback copy not found');
    expectError(await get(`/api/sessions/${plain.id}/playback/link`, owner.auth), 404, 'Playback copy not found');
    expectError(await get(`/api/sessions/${id}/playback`, other.auth), 404, 'Playback copy not found');
    expectError(await get(`/api/sessions/${id}/playback`, { ...other.auth, range: 'bytes=0-10' }), 404);
    expectError(await get(`/api/sessions/${id}/playback/link`, other.auth), 404);
    expectError(await get('/api/sessions/sess_NOPE0000/playback', owner.auth), 404);
    expectError(await get(`/api/sessions/${id}/playback`), 401, 'Unauthorized');
    expectError(await get(`/api/sessions/${id}/playback/link`), 401, 'Unauthorized');
  });

  it('API tokens work as JWTs do: read scope plays it', async () => {
    const owner = await signup(t.app);
    const id = await withCopy(owner);
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: owner.auth, payload: { name: 'player', scopes: ['read'] } });
    const pat = { authorization: `Bearer ${created.json().token as string}` };
    const res = await get(`/api/sessions/${id}/playback`, { ...pat, range: 'bytes=0-9' });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.equals(COPY.subarray(0, 10))).toBe(true);
  });

  it('a link plays this one copy without a bearer token (what <video src> needs), and nothing else', async () => {
    const owner = await signup(t.app);
    const id = await withCopy(owner);
    const second = await withCopy(owner);
    const link = (await get(`/api/sessions/${id}/playback/link`, owner.auth)).json();
    expect(link).toMatchObject({ url: expect.stringMatching(new RegExp(`^/api/sessions/${id}/playback\\?token=`)), contentType: 'video/webm', size: COPY.length });
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now() + 60 * 60_000);

    const res = await get(link.url, { range: 'bytes=100-199' });
    expect(res.statusCode).toBe(206);
    expect(res.rawPayload.equals(COPY.subarray(100, 200))).toBe(true);

    const token = new URL(link.url, 'http://x').searchParams.get('token')!;
    // Another session's copy, a tampered token, or the token used as a sign-in bearer token: all 401.
    expectError(await get(`/api/sessions/${second}/playback?token=${token}`), 401, 'Unauthorized');
    expectError(await get(`/api/sessions/${id}/playback?token=${token.slice(0, -2)}xx`), 401, 'Unauthorized');
    expectError(await get('/api/sessions', { authorization: `Bearer ${token}` }), 401, 'Unauthorized');
    expectError(await get(`/api/sessions/${id}/playback/link?token=${token}`), 401);
  });

  it('DELETE /sessions/:id removes the stored copy (the bulk delete of the sessions list uses the same route)', async () => {
    const owner = await signup(t.app);
    const ids = [await withCopy(owner), await withCopy(owner)];
    for (const id of ids) expect(await t.app.storage.size(playbackKey(id))).toBe(COPY.length);
    for (const id of ids) expect((await t.app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: owner.auth })).statusCode).toBe(204);
    for (const id of ids) {
      expect(await t.app.storage.size(playbackKey(id))).toBeNull();
      expectError(await get(`/api/sessions/${id}/playback`, owner.auth), 404);
    }
  });
});
