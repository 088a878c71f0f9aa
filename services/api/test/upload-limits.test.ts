import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '@claude-scope/db';
import { expectError, signup, useTestApp, type TestUser } from './helpers.js';

// No worker consumes this prefix: accepted uploads stay `processing`, which is what the limits count.
const PREFIX = `cs-quota-${randomBytes(4).toString('hex')}`;
// Enough of a WebM for the API's content sniffing (EBML magic + DocType); nothing decodes it here.
const WEBM = new Blob([Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('\x42\x82\x84webm'), Buffer.alloc(4096, 7)])]);

describe('per-account upload limits (POST /api/recordings)', () => {
  const t = useTestApp({ QUEUE_PREFIX: PREFIX, UPLOAD_RATE_LIMIT: '3', MAX_PROCESSING_PER_ACCOUNT: '2' });
  let base: string;
  // Every key the API started writing to S3 (the real storage is called through).
  let putKeys: () => string[];

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const put = vi.spyOn(t.app.storage, 'putStream');
    putKeys = () => put.mock.calls.map((c) => c[0]);
  });
  afterAll(async () => {
    await Promise.all(t.app.queues.map((q) => q.obliterate({ force: true }).catch(() => {})));
  });

  async function upload(user: TestUser) {
    const form = new FormData();
    form.append('title', 'Quota');
    form.append('seedUrl', 'https://example.com/');
    form.append('file', WEBM, 'recording.webm');
    const res = await fetch(`${base}/api/recordings?wait=false`, { method: 'POST', headers: user.auth, body: form });
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as unknown };
  }
  const accepted = async (user: TestUser) => {
    const res = await upload(user);
    expect(res.statusCode, JSON.stringify(res.body)).toBe(202);
    return (res.body as { sessionId: string }).sessionId;
  };
  const refused = async (user: TestUser, message: RegExp) => {
    const res = await upload(user);
    expectError({ statusCode: res.statusCode, json: () => res.body }, 429, message);
    return Number(res.headers['retry-after']);
  };
  const sessionsOf = (user: TestUser) => t.app.db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
  const finish = (user: TestUser) =>
    t.app.db.update(schema.sessions).set({ status: 'complete' }).where(and(eq(schema.sessions.userId, user.id), eq(schema.sessions.status, 'processing')));
  const videoJobs = async () => Object.values(await t.app.queues.find((q) => q.name === 'video')!.getJobCounts()).reduce((a, b) => a + b, 0);
  /** Keys still in S3 among those the API wrote. */
  const storedKeys = async () => (await Promise.all(putKeys().map((k) => t.app.storage.listKeys(k)))).flat();

  it('refuses a third upload while two are processing: 429 with Retry-After, and nothing stored', async () => {
    const ada = await signup(t.app);
    await accepted(ada);
    await accepted(ada);
    const putsBefore = putKeys().length;
    const jobsBefore = await videoJobs();
    expect(await refused(ada, /2 of your recordings are already processing/)).toBeGreaterThan(0);
    // Refused before the body was read: not even streamed, no row, no job.
    expect(putKeys()).toHaveLength(putsBefore);
    expect(await sessionsOf(ada)).toHaveLength(2);
    expect(await videoJobs()).toBe(jobsBefore);

    // Per account: someone else uploads meanwhile. Sessions made with POST /sessions never hold a lane.
    const bob = await signup(t.app);
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'POST', url: '/api/sessions', headers: bob.auth, payload: { title: `manual ${i}` } });
    await accepted(bob);

    // A finished session frees its slot; the refused attempt did not use up the hourly rate (3): this is the third.
    await finish(ada);
    await accepted(ada);
    await finish(ada);
    const retryAfter = await refused(ada, /at most 3 uploads per hour/);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await sessionsOf(ada)).toHaveLength(3);
    expect((await storedKeys()).sort()).toEqual((await t.app.db.select().from(schema.sessions)).map((s) => s.recordingKey).filter(Boolean).sort());
  });

  it('lets exactly one of several concurrent uploads take the last processing slot', async () => {
    const cy = await signup(t.app);
    await accepted(cy);
    const jobsBefore = await videoJobs();
    const results = await Promise.all(Array.from({ length: 4 }, () => upload(cy)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([202, 429, 429, 429]);
    for (const r of results.filter((x) => x.statusCode === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    const rows = await sessionsOf(cy);
    expect(rows.filter((s) => s.status === 'processing')).toHaveLength(2);
    expect(await videoJobs()).toBe(jobsBefore + 1);
    // Losers that had streamed before losing the race left nothing behind.
    expect((await storedKeys()).sort()).toEqual((await t.app.db.select().from(schema.sessions)).map((s) => s.recordingKey).filter(Boolean).sort());
  });
});
