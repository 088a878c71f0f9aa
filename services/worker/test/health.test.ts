import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo, startDemoApp, DEMO_FAULTS } from '@claude-scope/testkit';
import { Stack, sleep, waitFor } from './harness.js';

/** A Redis of this test's own, so it can be stopped and started again. */
function startRedis(port: number): ChildProcess {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-redis-'));
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
}

describe('worker health and metrics', () => {
  const redisPort = 26000 + Math.floor(Math.random() * 2000);
  let redis: ChildProcess;
  const stack = new Stack({ worker: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });

  beforeAll(async () => {
    redis = startRedis(redisPort);
    await sleep(300);
    await stack.start();
  });
  afterAll(async () => {
    redis?.kill('SIGKILL');
    await stack.stop();
  });

  const health = async (port: number) => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: res.status, body: (await res.json()) as { redis: string; status: string } };
    } catch {
      return { status: 0, body: undefined };
    }
  };

  it('turns unhealthy while Redis is unreachable and healthy again after', async () => {
    const w = await stack.spawnWorker();
    const ok = await waitFor(async () => ((await health(w.healthPort)).status === 200 ? health(w.healthPort) : undefined), 15_000, 'healthy');
    expect(ok.body).toMatchObject({ status: 'ok', redis: 'ok' });

    redis.kill('SIGKILL');
    const down = await waitFor(async () => {
      const h = await health(w.healthPort);
      return h.status === 503 ? h : undefined;
    }, 15_000, 'unhealthy');
    expect(down.body).toMatchObject({ status: 'unhealthy', redis: 'down' });

    redis = startRedis(redisPort);
    await waitFor(async () => (await health(w.healthPort)).status === 200, 30_000, 'healthy again');
  });

  it('serves its own Prometheus metrics: concurrency per queue, lane histograms and job counters', async () => {
    const w = stack.workers[0]!;
    const text = await (await fetch(`http://127.0.0.1:${w.healthPort}/metrics`)).text();
    expect(text).toContain('claude_scope_worker_concurrency{queue="video"} 1');
    expect(text).toContain('claude_scope_worker_concurrency{queue="playwright"} 2');
    expect(text).toContain('# TYPE claude_scope_lane_duration_seconds histogram');
    expect(text).toContain('# TYPE claude_scope_jobs_total counter');
  });
});

describe('a wedged worker', () => {
  // Navigation may hang for 60 s; the heartbeat says "wedged" after 5 s without progress.
  const stack = new Stack({ worker: { WORKER_QUEUES: 'playwright', WORKER_WEDGED_AFTER_MS: '5000', PLAYWRIGHT_NAVIGATION_TIMEOUT_MS: '60000' } });
  beforeAll(async () => {
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('reports unhealthy when jobs are in flight with no heartbeat, so an orchestrator restarts it', async () => {
    const demo = await startDemoApp();
    try {
      const w = await stack.spawnWorker();
      const video = (await makeTestVideo({ durationMs: 2000, width: 320, height: 180, format: 'webm', changesAtMs: [1000] })).path;
      const user = await stack.signup();
      // With a timeline the Playwright lane starts at once (without one it would wait for the vision lane, which no worker here runs).
      const timeline = JSON.stringify([{ t: 1000, type: 'scroll', dy: 100 }]);
      await stack.upload(user.auth, video, { title: 'Hangs', seedUrl: `${demo.url}${DEMO_FAULTS.hang}`, timeline }, { query: '?wait=false' });
      const res = await waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${w.healthPort}/health`);
        return r.status === 503 ? ((await r.json()) as { wedged?: boolean; jobsInFlight: number }) : undefined;
      }, 30_000, 'the worker to report itself wedged');
      expect(res).toMatchObject({ wedged: true, jobsInFlight: 1 });
    } finally {
      await demo.close();
    }
  });
});
