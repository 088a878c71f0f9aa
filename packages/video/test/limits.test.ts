import { describe, expect, it } from 'vitest';
import { Semaphore } from '../src/index.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Semaphore', () => {
  it('runs at most `limit` jobs at once, in arrival order', async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        sem.use(async () => {
          order.push(i);
          peak = Math.max(peak, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives up waiting when aborted, and frees its slot after a failure', async () => {
    const sem = new Semaphore(1);
    let release!: () => void;
    const holder = sem.use(() => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const waiter = sem.use(async () => 'never', ac.signal);
    ac.abort(new Error('gone'));
    await expect(waiter).rejects.toThrow('gone');
    release();
    await holder;
    await expect(sem.use(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sem.use(async () => 'free again')).toBe('free again');
  });
});
