import { describe, expect, it } from 'vitest';
import { prefetch, takeOrAsk } from '../../src/lib/prefetch';

describe('prefetch / takeOrAsk', () => {
  it('hands a prefetched request to the first taker only; the next one asks again', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const p = prefetch('/a', load, 1000);
    expect(prefetch('/a', load, 1001)).toBe(p); // joined, not sent twice
    expect(await takeOrAsk('/a', load, 1002)).toBe(1);
    expect(await takeOrAsk('/a', load, 1003)).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not prefetch what a component has just asked for itself, and does not hand out a stale request', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await takeOrAsk('/b', load, 5000);
    expect(prefetch('/b', load, 5001)).toBeNull();
    expect(loads).toBe(1);
    prefetch('/c', load, 10_000);
    expect(await takeOrAsk('/c', load, 10_000 + 31_000)).toBe(3); // the prefetched answer (2) is too old
  });

  it('keeps a failed prefetch for the taker to see', async () => {
    prefetch('/d', () => Promise.reject(new Error('no')), 20_000);
    await expect(takeOrAsk('/d', () => Promise.resolve('asked'), 20_001)).rejects.toThrow('no');
  });
});
