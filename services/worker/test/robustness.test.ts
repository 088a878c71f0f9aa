import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_NAMES } from '@claude-scope/pipeline';
import { makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { Stack, sleep, waitFor } from './harness.js';

describe('worker crashes, scale-out and deletion', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let video: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    video = (await makeTestVideo({ durationMs: 20_000, width: 1280, height: 720, format: 'webm', changesAtMs: [3000, 8000, 14000] })).path;
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  it('a worker killed with SIGKILL mid-lane: a new worker completes the session, with no duplicate frames', async () => {
    const first = await stack.spawnWorker();
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Crash', seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    const id = res.body.sessionId;
    await waitFor(
      async () => (await stack.get(user.auth, `/api/sessions/${id}/status`)).processingStatus.videoLane.status === 'running',
      60_000,
      'the video lane to start',
    );
    first.proc.kill('SIGKILL');
    await first.exited;
    await stack.spawnWorker();
    const seen = await stack.pollStatus(user.auth, id, 120_000);
    expect(seen.at(-1).sessionStatus).toBe('complete');
    const session = await stack.get(user.auth, `/api/sessions/${id}`);
    const ts = session.frames.map((f: { timestamp: number }) => f.timestamp);
    expect(new Set(ts).size).toBe(ts.length);
    expect(session.frameCount).toBe(ts.length);
    const { rows } = await stack.app.db.$client.query('select count(*)::int as n from frames where session_id = $1', [id]);
    expect(rows[0].n).toBe(ts.length);
  });

  it('SIGTERM: the worker stops taking jobs, finishes the one in flight and exits cleanly', async () => {
    for (const w of stack.workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    const w = await stack.spawnWorker({ WORKER_SHUTDOWN_GRACE_MS: '60000' });
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Graceful', seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    const id = res.body.sessionId;
    await waitFor(
      async () => (await stack.get(user.auth, `/api/sessions/${id}/status`)).processingStatus.videoLane.status === 'running',
      60_000,
      'the video lane to start',
    );
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const status = await stack.get(user.auth, `/api/sessions/${id}/status`);
    // The lane in flight was finished, not abandoned; what was still queued waits for the next worker.
    expect(status.processingStatus.videoLane.status).toBe('complete');
    expect(w.logs.some((l) => l.includes('stopping: no new jobs'))).toBe(true);
    await stack.spawnWorker();
    expect((await stack.pollStatus(user.auth, id)).at(-1).sessionStatus).toBe('complete');
  });

  it('two workers on the same queues process each job exactly once', async () => {
    for (const w of stack.workers) if (w.proc.exitCode === null) w.proc.kill('SIGTERM');
    const a = await stack.spawnWorker();
    const b = await stack.spawnWorker();
    const user = await stack.signup();
    const small = (await makeTestVideo({ durationMs: 3000, width: 320, height: 180, format: 'webm', changesAtMs: [1500] })).path;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await stack.upload(user.auth, small, { title: `Parallel ${i}`, seedUrl: `${demo.url}/login` }, { query: '?wait=false' })).body.sessionId);
    }
    for (const id of ids) expect((await stack.pollStatus(user.auth, id)).at(-1).sessionStatus).toBe('complete');
    const completions = () =>
      [...a.logs, ...b.logs]
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'job complete' && ids.includes(l.sessionId));
    // The session is complete in Postgres a moment before the worker logs the job's end.
    await waitFor(async () => completions().length >= ids.length * JOB_NAMES.length, 10_000, 'every job to log its completion');
    await sleep(1000);
    const perJob = new Map<string, number>();
    for (const c of completions()) perJob.set(c.jobId, (perJob.get(c.jobId) ?? 0) + 1);
    expect(perJob.size).toBe(ids.length * JOB_NAMES.length);
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
  });

  it('deleting a session while it processes removes its jobs, frames and stored objects', async () => {
    const user = await stack.signup();
    const res = await stack.upload(user.auth, video, { title: 'Delete me', seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    const id = res.body.sessionId;
    const { rows } = await stack.app.db.$client.query('select recording_key from sessions where id = $1', [id]);
    await sleep(300);
    const del = await fetch(`${stack.apiUrl}/api/sessions/${id}`, { method: 'DELETE', headers: user.auth });
    expect(del.status).toBe(204);
    expect((await fetch(`${stack.apiUrl}/api/sessions/${id}/status`, { headers: user.auth })).status).toBe(404);
    // Jobs still running find the session gone, stop, and remove what they stored.
    await waitFor(
      async () =>
        (await stack.app.storage.listKeys(`sessions/${id}/`)).length === 0 &&
        (await stack.app.storage.listKeys(rows[0].recording_key)).length === 0,
      30_000,
      'stored objects to be removed',
    );
    await sleep(3000);
    expect(await stack.app.storage.listKeys(`sessions/${id}/`)).toEqual([]);
    const left = await stack.app.db.$client.query('select count(*)::int as n from frames where session_id = $1', [id]);
    expect(left.rows[0].n).toBe(0);
  });
});
