import { describe, expect, it } from 'vitest';
import { createOcr } from '../src/index.js';
import { WorkerPool } from '../src/pool.js';
import { renderFrame } from './helpers/frame.js';

describe('concurrency', () => {
  it('runs at most `concurrency` recognitions on at most that many workers, created on demand', async () => {
    const ocr = createOcr({ concurrency: 2 });
    try {
      expect(ocr.stats()).toEqual({ workers: 0, running: 0, peakRunning: 0, queued: 0 });
      const labels = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
      const frames = await Promise.all(labels.map((t) => renderFrame(640, 120, '#ffffff', [{ text: `${t} button`, x: 30, y: 70, size: 20, color: '#111827' }])));
      const reads = frames.map((data) => ocr.read({ data }));
      const results = await Promise.all(reads);
      expect(results.map((words) => words[0]?.text)).toEqual(labels);
      // Each read prepares its image (sharp) before it asks for a worker: on a loaded machine the reads can arrive
      // one by one, so how many ran at once is a bound here; the pool test below pins the exact behaviour.
      const s = ocr.stats();
      expect(s.peakRunning).toBeGreaterThanOrEqual(1);
      expect(s.peakRunning).toBeLessThanOrEqual(2);
      expect(s.workers).toBeLessThanOrEqual(2);
      expect(s.running).toBe(0);
      expect(s.queued).toBe(0);
    } finally {
      await ocr.close();
    }
  });

  it('the pool: `size` jobs at once on `size` workers made on first need and reused, the rest wait in order', async () => {
    let made = 0;
    const pool = new WorkerPool(2, async () => ++made, async () => {});
    const gates: (() => void)[] = [];
    const order: number[] = [];
    const jobs = [1, 2, 3, 4, 5].map((n) =>
      pool.use(async (w) => {
        await new Promise<void>((release) => gates.push(release));
        order.push(n);
        return w;
      }),
    );
    while (gates.length < 2) await new Promise((r) => setTimeout(r, 1));
    expect(pool.stats()).toEqual({ workers: 2, running: 2, peakRunning: 2, queued: 3 });
    for (let released = 0; released < 5; released++) {
      while (gates.length <= released) await new Promise((r) => setTimeout(r, 1));
      gates[released]!();
    }
    expect(new Set(await Promise.all(jobs))).toEqual(new Set([1, 2]));
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(pool.stats()).toEqual({ workers: 2, running: 0, peakRunning: 2, queued: 0 });
  });

  it('warmUp starts every worker, each reading the warm-up image\'s text (not a blank: recognition must run)', async () => {
    const ocr = createOcr({ concurrency: 2 });
    try {
      const words = await ocr.warmUp();
      expect(words).toHaveLength(2);
      for (const n of words) expect(n).toBeGreaterThanOrEqual(30);
      expect(ocr.stats()).toMatchObject({ workers: 2, running: 0, peakRunning: 2, queued: 0 });
    } finally {
      await ocr.close();
    }
  });

  it('rejects a bad bound and reads after close', async () => {
    expect(() => createOcr({ concurrency: 0 })).toThrow(RangeError);
    const ocr = createOcr({ concurrency: 1 });
    await ocr.close();
    const data = await renderFrame(200, 60, '#ffffff', [{ text: 'closed', x: 10, y: 40, size: 16, color: '#000' }]);
    await expect(ocr.read({ data })).rejects.toThrow(/closed/);
  });
});
