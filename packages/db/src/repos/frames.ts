import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Database } from '../client.js';
import { frames, sessions, type FrameRow } from '../schema.js';

/** A session's frames in recording order. */
export function listFrames(db: Database, sessionId: string): Promise<FrameRow[]> {
  return db.select().from(frames).where(eq(frames.sessionId, sessionId)).orderBy(asc(frames.timestamp));
}

const { ariaTree: _ariaTree, ...withoutTree } = getTableColumns(frames);

/** A session's frames in recording order without their ARIA trees (not even read from Postgres). */
export function listFramesWithoutTrees(db: Database, sessionId: string): Promise<Omit<FrameRow, 'ariaTree'>[]> {
  return db.select(withoutTree).from(frames).where(eq(frames.sessionId, sessionId)).orderBy(asc(frames.timestamp));
}

/** A session's frame ids in recording order, without their trees. */
export function listFrameIds(db: Database, sessionId: string): Promise<{ id: string; timestamp: number }[]> {
  return db.select({ id: frames.id, timestamp: frames.timestamp }).from(frames).where(eq(frames.sessionId, sessionId)).orderBy(asc(frames.timestamp));
}

/** The stored image of a frame, only when the frame belongs to that session and the session to `userId`. */
export async function getFrameImageKey(db: Database, userId: string, sessionId: string, frameId: string): Promise<string | null> {
  const [row] = await db
    .select({ imageKey: frames.imageKey })
    .from(frames)
    .innerJoin(sessions, eq(sessions.id, frames.sessionId))
    .where(and(eq(frames.id, frameId), eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .limit(1);
  return row?.imageKey ?? null;
}

/** A session's first frame (its id and stored thumbnail), only when the session belongs to `userId`. */
export async function getFirstFrameThumbnail(db: Database, userId: string, sessionId: string): Promise<{ id: string; thumbnailUrl: string } | null> {
  const [row] = await db
    .select({ id: frames.id, thumbnailUrl: frames.thumbnailUrl })
    .from(frames)
    .innerJoin(sessions, eq(sessions.id, frames.sessionId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .orderBy(asc(frames.timestamp))
    .limit(1);
  return row ?? null;
}

/** One frame of a session with its tree, only when the session belongs to `userId`. */
export async function getFrameRow(db: Database, userId: string, sessionId: string, frameId: string): Promise<FrameRow | null> {
  const [row] = await db
    .select({ frame: frames })
    .from(frames)
    .innerJoin(sessions, eq(sessions.id, frames.sessionId))
    .where(and(eq(frames.id, frameId), eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .limit(1);
  return row?.frame ?? null;
}
