import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failSessionProcessing } from '@claude-scope/db';
import { hugeFrameMp4, lyingDurationWebm, makeTestVideo } from '@claude-scope/testkit';
import { Stack, waitFor, type WorkerProcess } from './harness.js';

/**
 * A site whose seed page answers only when the test says so: the Playwright lane is provably in flight
 * while the session ends elsewhere. Counts requests per path and requests the browser gave up on.
 */
async function heldSite() {
  const hits = new Map<string, number>();
  const closedEarly = new Map<string, number>();
  const waiting: http.ServerResponse[] = [];
  const page = (title: string) => `<!doctype html><title>${title}</title><main><h1>${title}</h1><a href="/step2">Next</a></main>`;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/seed') {
      waiting.push(res);
      res.once('close', () => {
        if (!res.writableEnded) closedEarly.set(path, (closedEarly.get(path) ?? 0) + 1);
      });
      return;
    }
    res.writeHead(path === '/step2' ? 200 : 404, { 'content-type': 'text/html' }).end(page(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits: (path: string) => hits.get(path) ?? 0,
    closedEarly: (path: string) => closedEarly.get(path) ?? 0,
    release() {
      for (const res of waiting.splice(0)) if (!res.writableEnded && !res.destroyed) res.writeHead(200, { 'content-type': 'text/html' }).end(page('Seed'));
    },
    reset() {
      hits.clear();
      closedEarly.clear();
    },
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}

/** Failed sessions keep nothing in storage, and lanes still running for them stop without writing. */
describe('sessions that end in error', () => {
  const stack = new Stack({ worker: { PLAYWRIGHT_NAVIGATION_TIMEOUT_MS: '120000', WATCHDOG_INTERVAL_MS: '1000' } });
  let site: Awaited<ReturnType<typeof heldSite>>;
  let playwrightWorker: WorkerProcess;
  let huge: string;
  let small: string;

  beforeAll(async () => {
    site = await heldSite();
    huge = await hugeFrameMp4();
    small = (await makeTestVideo({ durationMs: 3000, width: 320, height: 180, format: 'webm', changesAtMs: [1000, 2000] })).path;
    await stack.start();
    // Only the Playwright lane at first: the test decides when a video lane runs.
    playwrightWorker = await stack.spawnWorker({ WORKER_QUEUES: 'playwright' });
  });
  afterAll(async () => {
    await stack.stop();
    await site?.close();
  });

  const sql = (text: string, params: unknown[] = []) => stack.app.db.$client.query(text, params);
  const recordingKeyOf = async (id: string) => (await sql('select recording_key from sessions where id = $1', [id])).rows[0].recording_key as string;
  // The recording is under the session's prefix (listed once), or elsewhere for sessions stored before it was.
  const stored = async (id: string, recordingKey: string) => [
    ...new Set([...(await stack.app.storage.listKeys(`sessions/${id}/`)), ...(await stack.app.storage.listKeys(recordingKey))]),
  ];
  const laneResults = async (id: string) => (await sql('select lane from lane_results where session_id = $1 order by lane', [id])).rows.map((r) => r.lane as string);
  const logged = (w: WorkerProcess, id: string, msg: string) => w.logs.some((l) => l.includes(id) && l.includes(msg));
  const timeline = () =>
    JSON.stringify([
      { t: 0, type: 'navigate', url: `${site.url}/seed` },
      { t: 1500, type: 'navigate', url: `${site.url}/step2` },
    ]);

  it('the video lane fails the session (8192×8192 frames): the Playwright lane in flight stops at once, nothing of it is stored, the recording is deleted', async () => {
    site.reset();
    const user = await stack.signup();
    const res = await stack.upload(user.auth, huge, { title: 'Huge frames', seedUrl: `${site.url}/seed`, timeline: timeline() }, { query: '?wait=false', filename: 'huge.mp4' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const id = res.body.sessionId as string;
    const recordingKey = await recordingKeyOf(id);
    await waitFor(async () => site.hits('/seed') > 0, 60_000, 'the Playwright lane to open the seed page');

    await stack.spawnWorker({ WORKER_QUEUES: 'video,synthesize' });
    const last = (await stack.pollStatus(user.auth, id, 90_000)).at(-1);
    expect(last).toMatchObject({ sessionStatus: 'error', lastError: 'frame size 8192×8192 is over the limit of 3840×2160' });
    expect(last.processingStatus.videoLane).toMatchObject({ status: 'error', error: 'frame size 8192×8192 is over the limit of 3840×2160' });

    // The session-ended event stopped the lane while its seed page was still loading: the browser hung up.
    await waitFor(async () => logged(playwrightWorker, id, 'job stopped'), 60_000, 'the Playwright job to stop');
    await waitFor(async () => site.closedEarly('/seed') === 1, 30_000, 'the browser to give up the seed request');
    expect(site.hits('/step2')).toBe(0);
    expect(await laneResults(id)).toEqual([]);
    const status = await stack.get(user.auth, `/api/sessions/${id}/status`);
    expect(status.processingStatus.playwrightLane.status).not.toBe('complete');
    expect(status.lastError).toBe('frame size 8192×8192 is over the limit of 3840×2160');
    await waitFor(async () => (await stored(id, recordingKey)).length === 0, 30_000, 'the failed session to leave nothing in storage');
  });

  it('a lane that missed the event stops at its next step (its guarded progress write) and writes nothing; the frames already uploaded go too', async () => {
    site.reset();
    const user = await stack.signup();
    const res = await stack.upload(user.auth, small, { title: 'Ends elsewhere', seedUrl: `${site.url}/seed`, timeline: timeline() }, { query: '?wait=false' });
    const id = res.body.sessionId as string;
    const recordingKey = await recordingKeyOf(id);
    await waitFor(async () => site.hits('/seed') > 0, 60_000, 'the Playwright lane to open the seed page');
    await waitFor(async () => (await stack.get(user.auth, `/api/sessions/${id}/status`)).processingStatus.videoLane.status === 'complete', 60_000, 'the video lane');
    expect((await stack.app.storage.listKeys(`sessions/${id}/frames/`)).length).toBeGreaterThan(0);
    expect(await laneResults(id)).toEqual(['video']);

    // Failed as another process would, but its event lost (no publish): only the next guarded write can tell.
    expect(await failSessionProcessing(stack.app.db, id, null, 'failed elsewhere')).toBe(true);
    site.release();
    await waitFor(async () => logged(playwrightWorker, id, 'job stopped'), 60_000, 'the Playwright job to stop');
    expect(site.hits('/step2')).toBe(0);
    expect(await laneResults(id)).toEqual(['video']);
    const status = await stack.get(user.auth, `/api/sessions/${id}/status`);
    expect(status).toMatchObject({ sessionStatus: 'error', lastError: 'failed elsewhere' });
    expect(status.processingStatus.playwrightLane.status).not.toBe('complete');
    await waitFor(async () => (await stored(id, recordingKey)).length === 0, 30_000, 'the frames and recording to be deleted');
  });

  it('the watchdog deletes the recording of a session it fails', async () => {
    const user = await stack.signup();
    const created = await fetch(`${stack.apiUrl}/api/sessions`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Stuck' }),
    });
    const id = ((await created.json()) as { id: string }).id;
    const recordingKey = `recordings/${randomUUID()}`;
    await stack.app.storage.putBuffer(recordingKey, Buffer.from('a recording no job will ever process'));
    await stack.app.storage.putBuffer(`sessions/${id}/frames/000001000.png`, Buffer.from('an orphan frame'));
    await sql(`update sessions set recording_key = $2, processing_started_at = now() - interval '2 hours' where id = $1`, [id, recordingKey]);
    const last = (await stack.pollStatus(user.auth, id, 30_000)).at(-1);
    expect(last).toMatchObject({ sessionStatus: 'error', lastError: expect.stringMatching(/^processing did not finish within/) });
    await waitFor(async () => (await stored(id, recordingKey)).length === 0, 30_000, 'the watchdog to delete the stored objects');
  });

  it('a 15-min recording whose container claims 1 s fails a 5-min limit (422), decoded only just past the limit', async () => {
    const user = await stack.signup();
    const settings = await fetch(`${stack.apiUrl}/api/settings`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ maxRecordingLength: 5 }),
    });
    expect(settings.status).toBe(200);
    const lying = await lyingDurationWebm({ actualMs: 15 * 60_000, claimedMs: 1000 });
    const res = await stack.upload(user.auth, lying, { title: 'Lies about its length', seedUrl: `${site.url}/step2` });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: 'recording is at least 5.1 min, over your limit of 5 min' });
    const id = res.body.sessionId as string;
    expect((await stack.get(user.auth, `/api/sessions/${id}/status`)).processingStatus.videoLane).toMatchObject({
      status: 'error',
      error: 'recording is at least 5.1 min, over your limit of 5 min',
    });
    // The decode stopped just past the limit, not at the end of the 15 minutes.
    const video = stack.workers.find((w) => w.logs.some((l) => l.includes(id) && l.includes('recording longer than its container claims')));
    const line = JSON.parse(video!.logs.find((l) => l.includes(id) && l.includes('recording longer than its container claims'))!);
    expect(line).toMatchObject({ claimedMs: 1000 });
    expect(line.decodedMs).toBeGreaterThan(5 * 60_000);
    expect(line.decodedMs).toBeLessThan(5.2 * 60_000);
  });

  it('RETAIN_RECORDINGS=true keeps the raw recording of a failed session (its frames still go)', async () => {
    for (const w of stack.workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    await Promise.all(stack.workers.map((w) => w.exited));
    const keeper = await stack.spawnWorker({ RETAIN_RECORDINGS: 'true' });
    const user = await stack.signup();
    const res = await stack.upload(user.auth, huge, { title: 'Kept', seedUrl: `${site.url}/step2` }, { filename: 'huge.mp4' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({ sessionId: expect.stringMatching(/^sess_/), message: 'frame size 8192×8192 is over the limit of 3840×2160' });
    const id = res.body.sessionId as string;
    const recordingKey = await recordingKeyOf(id);
    await waitFor(async () => logged(keeper, id, 'removed the stored objects of a failed session'), 30_000, 'the cleanup');
    expect(await stored(id, recordingKey)).toEqual([recordingKey]);
  });
});
