import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Wakes jobs in flight when their session ends elsewhere: workers publish a session id on the session-events
 * channel when it completes or fails (a lane's failure, the watchdog). One subscriber connection per process.
 * A missed message only delays the stop: jobs also learn it from their next guarded progress write.
 */
export class SessionEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(
    private readonly subscriber: Redis,
    channel: string,
    log: Logger,
  ) {
    subscriber.on('message', (ch: string, sessionId: string) => {
      if (ch !== channel) return;
      for (const listener of this.listeners.get(sessionId) ?? []) listener();
    });
    subscriber.subscribe(channel).catch((err: unknown) => log.warn({ err }, 'could not subscribe to session events'));
  }

  /** Calls `listener` on each event for the session until the returned function is called. */
  on(sessionId: string, listener: () => void): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) this.listeners.set(sessionId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  close(): void {
    this.subscriber.disconnect();
  }
}
