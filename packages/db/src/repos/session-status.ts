import type pg from 'pg';
import type { SessionStatus, StatusResponse } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { withEveryLane } from '@claude-scope/pipeline';
import { processingTimeOf } from '../mappers.js';

/**
 * The polling route's read, batched: every client polls its session's status every 2–3 s, so under load many
 * polls are waiting at once. Polls that arrive in the same turn of the event loop (and those that arrive while
 * the previous batches are still at Postgres) share ONE round trip — a named prepared statement over
 * `id = any($1)` — instead of one query each. That saves the pg client's per-query work, a socket write per
 * poll, and Postgres's per-statement overhead.
 *
 * Freshness: a poll only ever joins a batch that has not been sent yet, so its answer is read by a query that
 * starts after the poll arrived. Nothing is cached between batches.
 *
 * Tenant isolation: the batch fetches by id only; each caller gets its row only if the row's user_id is the
 * caller's (byte-for-byte, as `user_id = $2` compares text), otherwise undefined (the route's 404).
 */
const STATUS_BATCH_SQL = {
  name: 'session_status_batch_v1',
  text: `select id, user_id, status, processing_status, processing_time, processing_started_at, last_error
           from sessions where id = any($1::text[])`,
  rowMode: 'array' as const,
};

type StatusRow = [
  id: string,
  userId: string,
  status: SessionStatus,
  processingStatus: StatusResponse['processingStatus'] | null,
  processingTime: number,
  processingStartedAt: Date | null,
  lastError: string | null,
];

interface Waiter {
  id: string;
  userId: string;
  resolve(value: StatusResponse | undefined): void;
  reject(err: unknown): void;
}

export interface SessionStatusReaderOptions {
  /**
   * Batches at Postgres at once. While that many are out, new polls wait for one to come back and then go
   * together; with no batch out, a poll goes at the end of the current event-loop turn. Default 2.
   */
  maxInFlight?: number;
  /** Most polls in one query (a larger backlog is split). Default 500. */
  maxBatch?: number;
}

export class SessionStatusReader {
  private pending: Waiter[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(
    private readonly pool: pg.Pool,
    opts: SessionStatusReaderOptions = {},
  ) {
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 2);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 500);
  }

  /** The status of session `id` if it belongs to `userId`, read after this call; otherwise undefined. */
  read(userId: string, id: string): Promise<StatusResponse | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ id, userId, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    // setImmediate, not a microtask: it runs after every socket that was ready in this turn has been read,
    // so all the polls that arrived together are in the batch.
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    while (this.pending.length > 0 && this.inFlight < this.maxInFlight) {
      let batch: Waiter[];
      if (this.pending.length <= this.maxBatch) {
        batch = this.pending;
        this.pending = [];
      } else {
        batch = this.pending.splice(0, this.maxBatch);
      }
      this.inFlight++;
      void this.run(batch);
    }
  };

  private async run(batch: Waiter[]): Promise<void> {
    try {
      const ids = batch.length === 1 ? [batch[0]!.id] : [...new Set(batch.map((w) => w.id))];
      const { rows } = await this.pool.query<StatusRow>({ ...STATUS_BATCH_SQL, values: [ids] });
      const byId = new Map<string, StatusRow>();
      for (const row of rows) byId.set(row[0], row);
      const now = Date.now();
      for (const w of batch) {
        const row = byId.get(w.id);
        w.resolve(row && row[1] === w.userId ? toStatus(row, now) : undefined);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}

function toStatus(row: StatusRow, now: number): StatusResponse {
  const [id, , status, processingStatus, processingTime, processingStartedAt, lastError] = row;
  return {
    sessionId: id,
    sessionStatus: status,
    processingStatus: processingStatus ? withEveryLane(processingStatus) : null,
    processingTime: processingTimeOf({ status, processingStartedAt, processingTime }, now),
    lastError,
  };
}

const readers = new WeakMap<pg.Pool, SessionStatusReader>();

/** The reader of a database's pool (one per pool, made on first use). */
export function sessionStatusReader(db: Database): SessionStatusReader {
  let reader = readers.get(db.$client);
  if (!reader) {
    reader = new SessionStatusReader(db.$client);
    readers.set(db.$client, reader);
  }
  return reader;
}

/** Reads only the columns the polling route needs; concurrent polls are batched (see SessionStatusReader). */
export function getSessionStatus(db: Database, userId: string, id: string): Promise<StatusResponse | undefined> {
  return sessionStatusReader(db).read(userId, id);
}
