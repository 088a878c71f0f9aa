import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, warmsOcr } from '../src/config.js';

describe('OCR warm-up at a worker process\'s start', () => {
  const env = { ...process.env, VISION_OCR_WARM_UP: undefined, WORKER_QUEUES: undefined };
  it('is on where the process consumes the vision queue, unless turned off', () => {
    expect(warmsOcr(loadWorkerConfig(env))).toBe(true); // every queue, by default
    expect(warmsOcr(loadWorkerConfig({ ...env, WORKER_QUEUES: 'vision' }))).toBe(true);
    expect(warmsOcr(loadWorkerConfig({ ...env, WORKER_QUEUES: 'video,playwright,synthesize' }))).toBe(false);
    expect(warmsOcr(loadWorkerConfig({ ...env, WORKER_QUEUES: 'vision', VISION_OCR_WARM_UP: 'false' }))).toBe(false);
  });
});
