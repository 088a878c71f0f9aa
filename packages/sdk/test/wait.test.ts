import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, pollUntilFinished, WaitTimeoutError, type StatusResponse } from '../src/index.js';

const status = (overallStage: string | null, sessionStatus = 'processing') =>
  ({
    sessionId: 'sess_ABC12345',
    sessionStatus,
    processingStatus: overallStage === null ? null : { overallStage },
    processingTime: 0,
    lastError: null,
  }) as unknown as StatusResponse;

describe('waiting for a session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls at the contract cadence (2–3 s) until a final stage', async () => {
    const answers = [status('queued'), status('analyzing'), status('complete', 'complete')];
    const times: number[] = [];
    const read = vi.fn(async () => (times.push(Date.now()), answers.shift()!));
    const seen: string[] = [];
    const done = pollUntilFinished('sess_ABC12345', read, { intervalMs: 50, onStatus: (s) => seen.push(s.processingStatus!.overallStage) });
    await vi.runAllTimersAsync();
    expect((await done).sessionStatus).toBe('complete');
    expect(seen).toEqual(['queued', 'analyzing', 'complete']);
    expect(times[1]! - times[0]!).toBe(2000); // clamped up from 50 ms
    expect(times[2]! - times[1]!).toBe(2000);
  });

  it('ends on a session that left processing without a pipeline, and on a failed pipeline', async () => {
    await expect(pollUntilFinished('s', async () => status(null, 'complete'))).resolves.toMatchObject({ sessionStatus: 'complete' });
    await expect(pollUntilFinished('s', async () => status('error'))).resolves.toMatchObject({ processingStatus: { overallStage: 'error' } });
  });

  it('waits out a 503 with Retry-After, gives up on other errors and after timeoutMs', async () => {
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new ApiError(503, 'Service Unavailable', 'redis is down', undefined, 5);
      return status('complete', 'complete');
    };
    const t0 = Date.now();
    const done = pollUntilFinished('s', flaky);
    await vi.runAllTimersAsync();
    await done;
    expect(Date.now() - t0).toBe(5000);

    await expect(pollUntilFinished('s', async () => Promise.reject(new ApiError(404, 'Not Found', 'Not Found')))).rejects.toMatchObject({ status: 404 });

    const slow = pollUntilFinished('sess_X', async () => status('analyzing'), { timeoutMs: 6000 });
    const caught = slow.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const err = await caught;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as WaitTimeoutError).last?.processingStatus?.overallStage).toBe('analyzing');
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    const done = pollUntilFinished('s', async () => status('queued'), { signal: ac.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    ac.abort(new Error('stop'));
    expect(await done).toMatchObject({ message: 'stop' });
  });
});
