import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptVideo, makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
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

/**
 * Every failure path of the pipeline ends with a clear status and a human lastError — never a session stuck
 * in processing. What the upload route answers before a worker runs is tested in services/api/test/recordings.test.ts.
 */
describe('recording failures', () => {
  const stack = new Stack();
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

  it('a seed URL that cannot be reached does not fail the session: it completes from the video, the Playwright lane ends error', async () => {
    const user = await stack.signup();
    const port = await closedPort();
    const seedUrl = `http://127.0.0.1:${port}/nothing-listens-here`;
    const reason = `seed URL ${seedUrl} could not be opened: connection refused`;
    const res = await stack.upload(user.auth, video, { title: 'Unreachable', seedUrl });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'complete', frameCount: 2 });
    expect(res.body.frames.map((f: { url: string }) => f.url)).toEqual([seedUrl, seedUrl]);
    expect(res.body.prompt).toContain(`could not be opened by Claude Scope's browser (${reason})`);
    expect(res.body.prompt).toContain('The steps come from the video alone');
    expect(res.body.prompt).not.toContain('nothing visible in the UI');
    const status = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/status`);
    expect(status).toMatchObject({ sessionStatus: 'complete', lastError: null });
    expect(status.processingStatus).toMatchObject({
      overallStage: 'complete',
      videoLane: { status: 'complete' },
      playwrightLane: { status: 'error', error: reason, progress: 100 },
      synthesis: { status: 'complete' },
    });
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
