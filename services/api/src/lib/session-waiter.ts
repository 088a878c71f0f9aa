import type { Redis } from 'ioredis';
import { sessionEventsChannel } from '@claude-scope/pipeline';

/**
 * Lets a synchronous upload wait for its session to finish. Workers publish the session id when it
 * completes or fails; one subscriber connection per API process wakes the matching waiters. Callers also
 * re-check Postgres on a slow timer, so a missed message (Redis blip) only delays the answer.
 */
export class SessionWaiter {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly subscriber: Redis, prefix: string) {
    const channel = sessionEventsChannel(prefix);
    subscriber.on('message', (ch: string, sessionId: string) => {
      if (ch !== channel) return;
      for (const wake of this.waiters.get(sessionId) ?? []) wake();
    });
    subscriber.subscribe(channel).catch(() => {});
  }

  /** Resolves on the next event for the session, or after `ms`, whichever comes first. */
  next(sessionId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(sessionId);
      if (!set) this.waiters.set(sessionId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(sessionId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
