import type { Logger } from 'pino';
import { getSessionById } from '@claude-scope/db';
import { sessionPrefix } from '@claude-scope/storage';
import type { Runtime } from '../runtime.js';

/**
 * The job's session ended while it ran (another lane failed it, the watchdog, a delete): the job stops at its
 * next step, writes nothing, and is neither retried nor a failure of its own.
 */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
  constructor() {
    super('the session is no longer processing');
  }
}

/** Whether the session is gone or no longer processing (Postgres is the source of truth). */
export async function sessionEnded(rt: Runtime, sessionId: string): Promise<boolean> {
  const session = await getSessionById(rt.db, sessionId);
  return !session || session.status !== 'processing';
}

/**
 * What a failed session leaves in storage goes: its frame images (no frame row points at them) and its raw
 * recording, unless RETAIN_RECORDINGS keeps recordings. Idempotent: the failing job, every other job of the
 * session as it stops, and the watchdog all call it.
 */
export async function discardFailedSession(
  rt: Runtime,
  session: { id: string; recordingKey: string | null },
  log: Logger,
): Promise<void> {
  // The recording lives under the prefix too: it goes only below, as RETAIN_RECORDINGS says.
  const keys = (await rt.storage.listKeys(sessionPrefix(session.id))).filter((k) => k !== session.recordingKey);
  const recording = session.recordingKey && !rt.config.RETAIN_RECORDINGS ? [session.recordingKey] : [];
  await rt.storage.deleteKeys([...keys, ...recording]);
  log.info({ sessionId: session.id, frameObjects: keys.length, recordingDeleted: recording.length > 0 }, 'removed the stored objects of a failed session');
}

/** After a job: a session deleted meanwhile loses whatever the job stored; one that ended in error, see above. */
export async function cleanUpEnded(rt: Runtime, sessionId: string, log: Logger): Promise<void> {
  try {
    const session = await getSessionById(rt.db, sessionId);
    if (!session) {
      const removed = await rt.storage.deletePrefix(sessionPrefix(sessionId));
      if (removed) log.info({ removed }, 'removed objects of a deleted session');
    } else if (session.status === 'error') {
      await discardFailedSession(rt, session, log);
    }
  } catch (err) {
    log.warn({ err }, 'could not clean up the stored objects of an ended session');
  }
}
