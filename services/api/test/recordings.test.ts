import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { signup, testConfig, useTestApp, type TestUser } from './helpers.js';

// The head of a WebM file: enough for the content sniffer; no worker runs here, so nothing decodes it.
const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
const webm = (bytes = 4096) => new Blob([WEBM_HEAD, Buffer.alloc(bytes, 1)]);
const SEED = 'https://app.example.com/';
const json = (res: Response): Promise<any> => res.json();

function form(fields: Record<string, string>, file?: Blob): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', file, 'recording.webm');
  return f;
}

async function listen(app: App): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The upload route's own answers: everything decided before a worker runs (the pipeline's are in the worker's suite). */
describe('POST /api/recordings', () => {
  const prefix = `cs-test-${randomBytes(4).toString('hex')}`;
  // A bucket of its own: "nothing left behind" lists every object, and other test files upload beside this one.
  const t = useTestApp({ MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), QUEUE_PREFIX: prefix, S3_BUCKET: prefix });
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    await t.app.storage.ensureBucket();
    base = await listen(t.app);
    user = await signup(t.app);
  });
  afterAll(async () => {
    await t.app.storage.deletePrefix('');
    await t.app.storage.client.send(new DeleteBucketCommand({ Bucket: t.app.storage.bucket }));
  });

  const upload = (body: FormData | string, opts: { query?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${base}/api/recordings${opts.query ?? ''}`, { method: 'POST', headers: { ...user.auth, ...opts.headers }, body });
  const countSessions = async () => (await t.app.db.$client.query('select count(*)::int as n from sessions')).rows[0].n as number;
  const storedObjects = () => t.app.storage.listKeys('sessions/');

  it("202 in async mode; the recording is stored under the session's prefix and removed with the session", async () => {
    const res = await upload(form({ title: 'Async', seedUrl: SEED }, webm()), { query: '?wait=false' });
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(body).toMatchObject({ sessionId: expect.stringMatching(/^sess_/), status: 'processing', mimeType: 'video/webm', fileSize: WEBM_HEAD.length + 4096 });
    const key = `sessions/${body.sessionId}/recording`;
    const { rows } = await t.app.db.$client.query('select recording_key from sessions where id = $1', [body.sessionId]);
    expect(rows[0].recording_key).toBe(key);
    expect(await storedObjects()).toContain(key);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${body.sessionId}`, headers: user.auth });
    expect(del.statusCode).toBe(204);
    expect(await storedObjects()).not.toContain(key);
  });

  it('415 for a file that is not a supported video, whatever its declared type; nothing is kept', async () => {
    const before = await countSessions();
    const objects = await storedObjects();
    const res = await upload(form({ title: 'HTML', seedUrl: SEED }, new Blob(['<html>this is not a video</html>'.repeat(20)])));
    expect(res.status).toBe(415);
    expect((await json(res)).message).toMatch(/WebM, MP4 or Matroska/);
    expect(await countSessions()).toBe(before);
    expect(await storedObjects()).toEqual(objects);
  });

  it('413 over MAX_UPLOAD_BYTES: the upload is aborted, no session row and no object left behind', async () => {
    const before = await countSessions();
    const objects = await storedObjects();
    const res = await upload(form({ title: 'Huge', seedUrl: SEED }, webm(3 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expect(await json(res)).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'recording is larger than the 2 MB upload limit' });
    expect(await countSessions()).toBe(before);
    expect(await storedObjects()).toEqual(objects);
  });

  it('400 naming the field for bad text fields and timelines; nothing is kept', async () => {
    const before = await countSessions();
    const objects = await storedObjects();
    const cases: [Record<string, string>, string][] = [
      [{ seedUrl: SEED }, 'title is required'],
      [{ title: 'x'.repeat(501), seedUrl: SEED }, 'title must NOT have more than 500 characters'],
      [{ title: 't' }, 'seedUrl is required'],
      [{ title: 't', seedUrl: 'file:///etc/passwd' }, 'seedUrl must be an absolute http:// or https:// URL'],
      [{ title: 't', seedUrl: SEED, agentTarget: 'GPT' }, 'agentTarget must be one of CLAUDE_CODE, CODEX, CURSOR, RAW'],
      [{ title: 't', seedUrl: SEED, notes: 'n'.repeat(2001) }, 'notes must NOT have more than 2000 characters'],
      [{ title: 't', seedUrl: SEED, color: 'red' }, 'color is not an allowed field'],
      [{ title: 't', seedUrl: SEED, timeline: 'nope' }, 'timeline must be a JSON array of timeline events'],
      [{ title: 't', seedUrl: SEED, timeline: '[{"t":0,"type":"hover"}]' }, 'timeline[0].type must be one of navigate, click, fill, press, scroll'],
      [{ title: 't', seedUrl: SEED, timeline: '[{"t":0,"type":"navigate","url":"x"}]' }, 'timeline[0].url must be an absolute http:// or https:// URL'],
      [{ title: 't', seedUrl: SEED, timeline: '[{"t":5,"type":"press","key":"a"},{"t":4,"type":"press","key":"b"}]' }, 'timeline[1].t must not decrease (4 after 5)'],
      [{ title: 't', seedUrl: SEED, timeline: '[{"t":0,"type":"click","role":"button"}]' }, 'timeline[0].name is required'],
      [{ title: 't', seedUrl: SEED, durationMs: 'soon' }, 'durationMs must be a non-negative integer (milliseconds)'],
    ];
    for (const [fields, message] of cases) {
      const res = await upload(form(fields, webm()));
      expect(res.status, message).toBe(400);
      expect(await json(res)).toEqual({ statusCode: 400, error: 'Bad Request', message });
    }
    const noFile = await upload(form({ title: 't', seedUrl: SEED }));
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).message).toBe('file is required');
    const asJson = await upload('{}', { headers: { 'content-type': 'application/json' } });
    expect(asJson.status).toBe(415);
    expect(await countSessions()).toBe(before);
    expect(await storedObjects()).toEqual(objects);
  });

  it('401 without a token', async () => {
    const res = await fetch(`${base}/api/recordings`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: form({ title: 't', seedUrl: SEED }, webm()) });
    expect(res.status).toBe(401);
  });

  describe('a dependency that is down', () => {
    let other: App | undefined;
    afterAll(async () => {
      await other?.close();
    });
    const withApp = async (overrides: Record<string, string>) => {
      await other?.close();
      other = await buildApp({ config: testConfig({ DATABASE_URL: t.db.url, QUEUE_PREFIX: prefix, ...overrides }) });
      return listen(other);
    };

    it('503 with nothing half-created when Redis is down at upload time', async () => {
      const url = await withApp({ REDIS_URL: 'redis://127.0.0.1:1' });
      const before = await countSessions();
      const objects = await storedObjects();
      const res = await fetch(`${url}/api/recordings`, { method: 'POST', headers: user.auth, body: form({ title: 'Redis down', seedUrl: SEED }, webm()) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await json(res)).message).toMatch(/redis/);
      expect(await countSessions()).toBe(before);
      expect(await storedObjects()).toEqual(objects);
    });

    it('503 with nothing half-created when S3 is down', async () => {
      const url = await withApp({ S3_ENDPOINT: 'http://127.0.0.1:1' });
      const before = await countSessions();
      const res = await fetch(`${url}/api/recordings`, { method: 'POST', headers: user.auth, body: form({ title: 'S3 down', seedUrl: SEED }, webm()) });
      expect(res.status).toBe(503);
      expect((await json(res)).message).toMatch(/s3/);
      expect(await countSessions()).toBe(before);
    });
  });
});
