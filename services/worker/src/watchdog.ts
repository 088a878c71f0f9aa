import { failStuckSessions } from '@claude-scope/db';
import { cleanUpEnded } from './jobs/session-end.js';
import type { Runtime } from './runtime.js';

/**
 * No session may stay `processing` forever: every worker sweeps for sessions older than the maximum
 * processing age and fails them (the update is guarded, so several workers sweeping at once is harmless).
 * Jobs still running for them stop on the event; their stored objects go (no job may be left to do it).
 */
export function startWatchdog(rt: Runtime): () => void {
  const sweep = async () => {
    try {
      const failed = await failStuckSessions(rt.db, rt.config.PROCESSING_MAX_AGE_MS);
      for (const id of failed) {
        rt.log.warn({ sessionId: id }, 'watchdog failed a session stuck in processing');
        await rt.publishSessionEvent(id);
        await cleanUpEnded(rt, id, rt.log.child({ sessionId: id }));
      }
    } catch (err) {
      rt.log.warn({ err }, 'watchdog sweep failed');
    }
  };
  const timer = setInterval(sweep, rt.config.WATCHDOG_INTERVAL_MS);
  timer.unref();
  void sweep();
  return () => clearInterval(timer);
}
