import type { IncomingMessage } from 'node:http';
import { getSessionById, type Database, type SessionRow } from '@claude-scope/db';
import type { SessionWaiter } from './session-waiter.js';

// How often a waiting upload re-reads Postgres even without an event (a missed message only delays).
const RECHECK_MS = 2_000;

/**
 * A synchronous upload's wait: until the session leaves `processing`, the client goes away or `timeoutMs`
 * passes, woken by the workers' session events. Returns the session as last read (still processing on a timeout).
 */
export async function waitForSession(
  deps: { db: Database; sessionWaiter: SessionWaiter },
  row: SessionRow,
  timeoutMs: number,
  client: IncomingMessage,
): Promise<SessionRow> {
  const deadline = Date.now() + timeoutMs;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  client.once('close', onClose);
  let current = row;
  try {
    while (current.status === 'processing' && Date.now() < deadline && !gone.signal.aborted) {
      await deps.sessionWaiter.next(row.id, Math.min(RECHECK_MS, deadline - Date.now()), gone.signal);
      current = (await getSessionById(deps.db, row.id)) ?? current;
    }
  } finally {
    client.off('close', onClose);
  }
  return current;
}
