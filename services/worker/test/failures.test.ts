import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptVideo, makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { buildApp } from '@claude-scope/api/app';
import { loadApiConfig } from '@claude-scope/api/config';
import { Stack } from './harness.js';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Every failure path ends with a clear status and a human lastError — never a session stuck in processing. */
describe('recording failures', () => {
  const stack = new Stack({ api: { MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) } });
  let demo: DemoApp;
  let video: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    video = (await makeTestVideo({ durationMs: 3000, width: 320, height: 180, format: 'webm', changesAtMs: [1000] })).path;
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  const countSessions = async () => (await stack.app.db.$client.query('select count(*)::int as n from sessions')).rows[0].n as number;
  const recordingObjects = () => stack.app.storage.listKeys('recordings/');

  it('422 with sessionId and a clear lastError for a corrupt video', async () => {
    const user = await stack.signup();
    const bad = corruptVideo(video);
    const res = await stack.upload(user.auth, bad, { title: 'Corrupt', seedUrl: `${demo.url}/login` });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', sessionId: expect.stringMatching(/^sess_/) });
    expect(res.body.message).toMatch(/decod|corrupt|damaged|truncated/i);
    const status = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/status`);
    expect(status).toMatchObject({ sessionStatus: 'error', lastError: res.body.message });
    expect(status.processingStatus).toMatchObject({ overallStage: 'error', videoLane: { status: 'error', error: res.body.message } });
  });

  it("422 naming both lengths when the recording is longer than the account's limit", async () => {
    const user = await stack.signup();
    await fetch(`${stack.apiUrl}/api/settings`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ maxRecordingLength: 5 }),
    });
    const long = (await makeTestVideo({ durationMs: 330_000, width: 64, height: 64, format: 'webm', fps: 1, changesAtMs: [] })).path;
    const res = await stack.upload(user.auth, long, { title: 'Too long', seedUrl: `${demo.url}/login` });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.message).toBe('recording is 5.5 min, over your limit of 5 min');
  });

  it('422 when the seed URL cannot be reached', async () => {
    const user = await stack.signup();
    const port = await closedPort();
    const res = await stack.upload(user.auth, video, { title: 'Unreachable', seedUrl: `http://127.0.0.1:${port}/nothing-listens-here` });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.message).toBe(`seed URL http://127.0.0.1:${port}/nothing-listens-here could not be opened: connection refused`);
  });

  it('415 for a file that is not a supported video, whatever its declared type', async () => {
    const user = await stack.signup();
    const fake = path.join(os.tmpdir(), `not-a-video-${process.pid}.webm`);
    await writeFile(fake, '<html>this is not a video</html>'.repeat(20));
    const before = await countSessions();
    const res = await stack.upload(user.auth, fake, { title: 'HTML', seedUrl: `${demo.url}/login` });
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/WebM, MP4 or Matroska/);
    expect(await countSessions()).toBe(before);
  });

  it('413 over MAX_UPLOAD_BYTES: the upload is aborted, no session row and no object left behind', async () => {
    const user = await stack.signup();
    const before = await countSessions();
    const objects = await recordingObjects();
    const header = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
    const big = new Blob([header, Buffer.alloc(3 * 1024 * 1024, 1)]);
    const res = await stack.upload(user.auth, big, { title: 'Huge', seedUrl: `${demo.url}/login` });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'recording is larger than the 2 MB upload limit' });
    expect(await countSessions()).toBe(before);
    expect(await recordingObjects()).toEqual(objects);
  });

  it('400 naming the field for bad text fields and timelines; nothing is kept', async () => {
    const user = await stack.signup();
    const before = await countSessions();
    const objects = await recordingObjects();
    const cases: [Record<string, string>, string][] = [
      [{ seedUrl: `${demo.url}/` }, 'title is required'],
      [{ title: 'x'.repeat(501), seedUrl: `${demo.url}/` }, 'title must NOT have more than 500 characters'],
      [{ title: 't' }, 'seedUrl is required'],
      [{ title: 't', seedUrl: 'file:///etc/passwd' }, 'seedUrl must be an absolute http:// or https:// URL'],
      [{ title: 't', seedUrl: `${demo.url}/`, agentTarget: 'GPT' }, 'agentTarget must be one of CLAUDE_CODE, CODEX, CURSOR, RAW'],
      [{ title: 't', seedUrl: `${demo.url}/`, notes: 'n'.repeat(2001) }, 'notes must NOT have more than 2000 characters'],
      [{ title: 't', seedUrl: `${demo.url}/`, color: 'red' }, 'color is not an allowed field'],
      [{ title: 't', seedUrl: `${demo.url}/`, timeline: 'nope' }, 'timeline must be a JSON array of timeline events'],
      [{ title: 't', seedUrl: `${demo.url}/`, timeline: '[{"t":0,"type":"hover"}]' }, 'timeline[0].type must be one of navigate, click, fill, press, scroll'],
      [{ title: 't', seedUrl: `${demo.url}/`, timeline: '[{"t":0,"type":"navigate","url":"x"}]' }, 'timeline[0].url must be an absolute http:// or https:// URL'],
      [{ title: 't', seedUrl: `${demo.url}/`, timeline: '[{"t":5,"type":"press","key":"a"},{"t":4,"type":"press","key":"b"}]' }, 'timeline[1].t must not decrease (4 after 5)'],
      [{ title: 't', seedUrl: `${demo.url}/`, timeline: '[{"t":0,"type":"click","role":"button"}]' }, 'timeline[0].name is required'],
      [{ title: 't', seedUrl: `${demo.url}/`, durationMs: 'soon' }, 'durationMs must be a non-negative integer (milliseconds)'],
    ];
    for (const [fields, message] of cases) {
      const res = await stack.upload(user.auth, video, fields);
      expect(res.status, message).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    }
    const noFile = await fetch(`${stack.apiUrl}/api/recordings`, { method: 'POST', headers: user.auth, body: (() => { const f = new FormData(); f.append('title', 't'); f.append('seedUrl', `${demo.url}/`); return f; })() });
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).message).toBe('file is required');
    const json = await fetch(`${stack.apiUrl}/api/recordings`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(await countSessions()).toBe(before);
    expect(await recordingObjects()).toEqual(objects);
  });

  it('401 without a token', async () => {
    const res = await stack.upload({ authorization: 'Bearer nope' }, video, { title: 't', seedUrl: `${demo.url}/` });
    expect(res.status).toBe(401);
  });

  it('503 with nothing half-created when Redis is down at upload time', async () => {
    const user = await stack.signup();
    const app = await buildApp({ config: loadApiConfig({ ...process.env, LOG_LEVEL: 'silent', JWT_SECRET: 'pipeline-test-secret-pipeline-test-secret', DATABASE_URL: stack.db.url, REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: stack.prefix }) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const before = await countSessions();
      const objects = await recordingObjects();
      const form = new FormData();
      form.append('title', 'Redis down');
      form.append('seedUrl', `${demo.url}/`);
      form.append('file', new Blob([await (await import('node:fs/promises')).readFile(video)]), 'r.webm');
      const port = (app.server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/recordings`, { method: 'POST', headers: user.auth, body: form });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).message).toMatch(/redis/);
      expect(await countSessions()).toBe(before);
      expect(await recordingObjects()).toEqual(objects);
    } finally {
      await app.close();
    }
  });

  it('503 with nothing half-created when S3 is down', async () => {
    const user = await stack.signup();
    const app = await buildApp({ config: loadApiConfig({ ...process.env, LOG_LEVEL: 'silent', JWT_SECRET: 'pipeline-test-secret-pipeline-test-secret', DATABASE_URL: stack.db.url, S3_ENDPOINT: 'http://127.0.0.1:1', QUEUE_PREFIX: stack.prefix }) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const before = await countSessions();
      const form = new FormData();
      form.append('title', 'S3 down');
      form.append('seedUrl', `${demo.url}/`);
      form.append('file', new Blob([await (await import('node:fs/promises')).readFile(video)]), 'r.webm');
      const port = (app.server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/recordings`, { method: 'POST', headers: user.auth, body: form });
      expect(res.status).toBe(503);
      expect((await res.json()).message).toMatch(/s3/);
      expect(await countSessions()).toBe(before);
    } finally {
      await app.close();
    }
  });
});

describe('jobs that exhaust their retries, and the watchdog', () => {
  // This worker does not consume the video queue: the test controls when (and whether) that lane runs.
  const stack = new Stack({ worker: { WORKER_QUEUES: 'playwright,synthesize', PROCESSING_MAX_AGE_MS: '25000', WATCHDOG_INTERVAL_MS: '1000' } });
  let demo: DemoApp;
  let video: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    video = (await makeTestVideo({ durationMs: 2000, width: 320, height: 180, format: 'webm', changesAtMs: [1000] })).path;
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  it('a lane that fails every attempt fails the session with its error (no parent left waiting)', async () => {
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Vanishing recording', seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    const { rows } = await stack.app.db.$client.query('select recording_key from sessions where id = $1', [res.body.sessionId]);
    // The stored recording disappears: every attempt of the video lane fails (a retryable storage error).
    await stack.app.storage.deleteKeys([rows[0].recording_key]);
    await stack.spawnWorker({ WORKER_QUEUES: 'video' });
    const seen = await stack.pollStatus(user.auth, res.body.sessionId, 60_000);
    const last = seen.at(-1);
    expect(last.sessionStatus).toBe('error');
    expect(last.lastError).toMatch(/^video lane failed after several attempts/);
    expect(last.processingStatus.videoLane.status).toBe('error');
    expect(seen.some((s) => /attempt 2 of 3/.test(s.processingStatus.videoLane.detail ?? ''))).toBe(true);
  });

  it('the watchdog fails a session left processing beyond the maximum age', async () => {
    // Stop consuming video jobs: the session's video lane never runs.
    for (const w of stack.workers.slice(1)) w.proc.kill('SIGKILL');
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Never processed', seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    const seen = await stack.pollStatus(user.auth, res.body.sessionId, 60_000);
    expect(seen.at(-1)).toMatchObject({ sessionStatus: 'error', lastError: expect.stringMatching(/^processing did not finish within 25 s/) });
  });
});
