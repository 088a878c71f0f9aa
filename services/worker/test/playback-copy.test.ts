import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from '@claude-scope/testkit';
import { storePlaybackCopy } from '../src/jobs/playback.js';
import type { Runtime } from '../src/runtime.js';

/**
 * The playback copy never fails a session: an encoding that fails or outruns its budget is logged and the lane
 * goes on without a copy, while the job's own abort still stops it. (A stored copy: playback.test.ts.)
 */
describe('storePlaybackCopy when there is no copy to store', () => {
  let dir: string;
  let video: string;
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
  // Nothing here reaches storage: a runtime whose use would throw proves it.
  const rt = new Proxy({}, { get: () => { throw new Error('storage must not be touched'); } }) as Runtime;
  const ctx = (signal = new AbortController().signal) => ({ rt, log, tmpDir: dir, checkpoint: async () => {}, signal });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'playback-copy-'));
    video = (await makeTestVideo({ durationMs: 3000, width: 320, height: 180, format: 'webm', changesAtMs: [1000] })).path;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a file ffmpeg cannot read: undefined, logged as a warning', async () => {
    const bad = path.join(dir, 'not-a-video');
    await writeFile(bad, 'not a video');
    const key = await storePlaybackCopy(ctx(), 'sess_TEST0001', bad, { durationMs: 3000, budgetMs: 60_000, stop: new AbortController().signal });
    expect(key).toBeUndefined();
    expect(lines.some((l) => l.includes('sess_TEST0001') && l.includes('no playback copy: encoding failed'))).toBe(true);
  });

  it('an encoding past its budget: undefined, logged, the lane not timed out', async () => {
    const key = await storePlaybackCopy(ctx(), 'sess_TEST0002', video, { durationMs: 3000, budgetMs: 1, stop: new AbortController().signal });
    expect(key).toBeUndefined();
    expect(lines.some((l) => l.includes('sess_TEST0002') && l.includes('encoding took longer than'))).toBe(true);
  });

  it("the job's abort and the lane's stop still throw", async () => {
    const job = new AbortController();
    job.abort(new Error('job timed out'));
    await expect(storePlaybackCopy(ctx(job.signal), 'sess_TEST0003', video, { durationMs: 3000, budgetMs: 60_000, stop: new AbortController().signal })).rejects.toThrow('job timed out');
    const stop = new AbortController();
    const p = storePlaybackCopy(ctx(), 'sess_TEST0004', video, { durationMs: 3000, budgetMs: 60_000, stop: stop.signal });
    stop.abort(new Error('analysis failed'));
    await expect(p).rejects.toThrow('analysis failed');
  });
});
