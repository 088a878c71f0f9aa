import { and, eq, sql } from 'drizzle-orm';
import { INT32_MAX } from '@claude-scope/contracts';
import type {
  AgentTarget,
  CreateSessionBody,
  Session,
  SessionStats,
  SessionWithFrames,
  UpdateSessionBody,
} from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '../client.js';
import { newSessionId } from '../ids.js';
import { toFrame, toSession } from '../mappers.js';
import { sessions, type SessionRow } from '../schema.js';
import { listFrames } from './frames.js';

const MAX_ID_ATTEMPTS = 5;

export type NewSession = CreateSessionBody & {
  agentTarget: AgentTarget;
} & Partial<Pick<typeof sessions.$inferInsert, 'processingStatus' | 'processingStartedAt' | 'recordingKey' | 'fileSize' | 'mimeType' | 'timeline' | 'urls' | 'clientDurationMs' | 'keepPlayback'>>;

/**
 * Inserts a session with a fresh id; an id collision is retried, never surfaced. An upload passes the id it
 * allocated up front (its recording is already stored under that session's prefix), which is not retried.
 */
export async function createSession(db: Database, userId: string, input: NewSession, id?: string): Promise<SessionRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db
        .insert(sessions)
        .values({ ...input, id: id ?? newSessionId(), userId, status: 'processing' })
        .returning();
      return row!;
    } catch (err) {
      if (id || pgErrorCode(err) !== PG_UNIQUE_VIOLATION || attempt >= MAX_ID_ATTEMPTS) throw err;
    }
  }
}

const owned = (userId: string, id: string) => and(eq(sessions.id, id), eq(sessions.userId, userId));

/** The stored playback copy of the owner's session; null when it has none or is another account's. */
export async function getPlaybackKey(db: Database, userId: string, id: string): Promise<string | null> {
  const [row] = await db.select({ playbackKey: sessions.playbackKey }).from(sessions).where(owned(userId, id)).limit(1);
  return row?.playbackKey ?? null;
}

/** A session by id whoever owns it: for the pipeline and for code that already checked the owner. */
export async function getSessionById(db: Database, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row;
}

export async function getSessionRow(db: Database, userId: string, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(owned(userId, id)).limit(1);
  return row;
}

export async function getSession(db: Database, userId: string, id: string): Promise<Session | undefined> {
  const row = await getSessionRow(db, userId, id);
  return row ? toSession(row) : undefined;
}

export async function getSessionWithFrames(db: Database, userId: string, id: string): Promise<SessionWithFrames | undefined> {
  const row = await getSessionRow(db, userId, id);
  if (!row) return undefined;
  return { ...toSession(row), frames: (await listFrames(db, id)).map(toFrame) };
}

export async function getSessionStats(db: Database, userId: string): Promise<SessionStats> {
  const [row] = await db
    .select({
      totalSessions: sql<number>`count(*)::int`,
      completedSessions: sql<number>`count(*) filter (where ${sessions.status} = 'complete')::int`,
      // Each duration is clamped to the contract's range, so a stored outlier (NaN, Infinity, 1e308 written
      // before the range was enforced) can neither overflow the float8 sum into an error nor poison it.
      totalDuration: sql<number>`coalesce(sum(least(greatest(${sessions.duration}, 0), ${INT32_MAX}::float8)) filter (where ${sessions.status} = 'complete'), 0)::float8`,
      avgProcessingTime: sql<number>`coalesce(round(avg(${sessions.processingTime}) filter (where ${sessions.status} = 'complete')), 0)::int`,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return row!;
}

/** Changes only the given fields; `{}` changes nothing (updatedAt included). */
export async function updateSession(
  db: Database,
  userId: string,
  id: string,
  patch: UpdateSessionBody,
): Promise<Session | undefined> {
  if (Object.keys(patch).length === 0) return getSession(db, userId, id);
  const [row] = await db
    .update(sessions)
    .set({ ...patch, updatedAt: sql`greatest(now(), ${sessions.updatedAt} + interval '1 millisecond')` })
    .where(owned(userId, id))
    .returning();
  return row ? toSession(row) : undefined;
}

/** Deletes the session (frames cascade) and returns the row, so the caller can clean storage and jobs. */
export async function deleteSession(db: Database, userId: string, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.delete(sessions).where(owned(userId, id)).returning();
  return row;
}
