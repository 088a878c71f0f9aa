import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { sessions } from '../schema.js';

/**
 * An account's sessions that hold pipeline capacity: uploads still processing. Sessions made with
 * POST /sessions (or patched back to `processing`) never entered the pipeline and have no start time.
 */
const inPipeline = (userId: string) =>
  and(eq(sessions.userId, userId), eq(sessions.status, 'processing'), isNotNull(sessions.processingStartedAt));

export async function countProcessingUploads(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(sessions).where(inPipeline(userId));
  return row?.n ?? 0;
}

/** The account already has `max` uploads processing; nothing was inserted. */
export class ProcessingLimitError extends Error {
  constructor(
    readonly processing: number,
    readonly max: number,
  ) {
    super(`${processing} recordings are processing, the limit is ${max}`);
    this.name = 'ProcessingLimitError';
  }
}

/**
 * Runs `insert` (the upload's session insert) only while the account has fewer than `max` uploads
 * processing, as one step: a transaction-scoped advisory lock keyed by the account serializes its
 * count-then-insert, so two uploads racing at the limit cannot both count `max - 1` and both insert (the
 * second waits for the first to commit, then counts it). Other accounts never wait; the lock is released at
 * commit or rollback, so a crash cannot leave it held. A conditional `INSERT … WHERE (count) < max` alone
 * would not do: under READ COMMITTED both statements' snapshots miss the other's uncommitted row.
 */
export async function insertWithinProcessingLimit<T>(db: Database, userId: string, max: number, insert: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`upload-quota:${userId}`}, 0))`);
    // A transaction runs the same queries as the pool (the repositories only use the query builder).
    const scoped = tx as unknown as Database;
    const processing = await countProcessingUploads(scoped, userId);
    if (processing >= max) throw new ProcessingLimitError(processing, max);
    return insert(scoped);
  });
}
