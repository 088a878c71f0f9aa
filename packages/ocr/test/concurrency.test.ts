import { describe, expect, it } from 'vitest';
import { createOcr } from '../src/index.js';
import { renderFrame } from './helpers/frame.js';

describe('concurrency', () => {
  it('runs at most `concurrency` recognitions on at most that many workers, created on demand; the rest queue', async () => {
    const ocr = createOcr({ concurrency: 2 });
    try {
      expect(ocr.stats()).toEqual({ workers: 0, running: 0, peakRunning: 0, queued: 0 });
      const labels = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
      const frames = await Promise.all(labels.map((t) => renderFrame(640, 120, '#ffffff', [{ text: `${t} button`, x: 30, y: 70, size: 20, color: '#111827' }])));
      const reads = frames.map((data) => ocr.read({ data }));
      let peakQueued = 0;
      const poll = setInterval(() => (peakQueued = Math.max(peakQueued, ocr.stats().queued)), 5);
      const results = await Promise.all(reads);
      clearInterval(poll);
      expect(results.map((words) => words[0]?.text)).toEqual(labels);
      const s = ocr.stats();
      expect(s.peakRunning).toBe(2);
      expect(s.workers).toBe(2);
      expect(s.running).toBe(0);
      expect(s.queued).toBe(0);
      expect(peakQueued).toBeGreaterThan(0);
    } finally {
      await ocr.close();
    }
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
