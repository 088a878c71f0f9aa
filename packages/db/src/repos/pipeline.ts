import { and, eq, lt, sql } from 'drizzle-orm';
import type { AriaNode, DiffSummary, FrameAction, LaneStatus, ProcessingStatus } from '@claude-scope/contracts';
import type { LaneKey, LaneResultByName } from '@claude-scope/pipeline';
import type { Database } from '../client.js';
import { newFrameId } from '../ids.js';
import { frames, laneResults, sessions } from '../schema.js';

/*
 * The pipeline's writes: Postgres owns every user-visible state, and every write here is guarded by
 * `status = 'processing'`, so a deleted, failed or finished session is never resurrected by a late job.
 */

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Locks the session row for the rest of the transaction, if it is still processing. */
async function lockProcessing(tx: Tx, sessionId: string): Promise<{ ps: ProcessingStatus | null } | undefined> {
  const [row] = await tx
    .select({ ps: sessions.processingStatus })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.status, 'processing')))
    .for('update');
  return row;
}

const elapsedMs = sql<number>`greatest(0, (extract(epoch from (now() - ${sessions.processingStartedAt})) * 1000))::int`;

/**
 * Read-modify-write of processingStatus under a row lock, so the two lanes updating at once never lose
 * each other's progress. Returns false when the session is gone or no longer processing.
 */
export async function mutateProcessingStatus(
  db: Database,
  sessionId: string,
  mutate: (ps: ProcessingStatus) => ProcessingStatus,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockProcessing(tx, sessionId);
    if (!row?.ps) return false;
    const next = mutate(structuredClone(row.ps));
    next.lastUpdated = new Date().toISOString();
    await tx.update(sessions).set({ processingStatus: next }).where(eq(sessions.id, sessionId));
    return true;
  });
}

/** Sets one lane's status; a lane starting moves the session from `queued` to `analyzing`. */
export function setLaneStatus(db: Database, sessionId: string, lane: LaneKey, patch: Partial<LaneStatus>) {
  return mutateProcessingStatus(db, sessionId, (ps) => {
    const merged = { ...ps[lane], ...patch };
    // Optional lane fields are omitted, never null.
    for (const k of Object.keys(merged) as (keyof LaneStatus)[]) if (merged[k] === undefined) delete merged[k];
    ps[lane] = merged;
    if (lane === 'synthesis' && patch.status === 'running') ps.overallStage = 'synthesizing';
    else if (patch.status === 'running' && ps.overallStage === 'queued') ps.overallStage = 'analyzing';
    return ps;
  });
}

/** Ends processing with an error: the lane, the overall stage, the session status and lastError, at once. */
export async function failSessionProcessing(db: Database, sessionId: string, lane: LaneKey | null, message: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockProcessing(tx, sessionId);
    if (!row) return false;
    const now = new Date().toISOString();
    const ps = row.ps ? structuredClone(row.ps) : null;
    if (ps) {
      if (lane) ps[lane] = { ...ps[lane], status: 'error', error: message, completedAt: now };
      ps.overallStage = 'error';
      ps.lastError = message;
      ps.lastUpdated = now;
    }
    await tx
      .update(sessions)
      .set({
        status: 'error',
        lastError: message,
        processingStatus: ps,
        processingTime: sql`coalesce(${elapsedMs}, ${sessions.processingTime})`,
        updatedAt: sql`now()`,
      })
      .where(eq(sessions.id, sessionId));
    return true;
  });
}

/** Stores a lane's result, only while the session is processing; returns false (nothing written) otherwise. */
export async function saveLaneResult<N extends keyof LaneResultByName>(
  db: Database,
  sessionId: string,
  lane: N,
  result: LaneResultByName[N],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockProcessing(tx, sessionId))) return false;
    await tx
      .insert(laneResults)
      .values({ sessionId, lane, result })
      .onConflictDoUpdate({ target: [laneResults.sessionId, laneResults.lane], set: { result, updatedAt: sql`now()` } });
    return true;
  });
}

/** The results the session's lanes stored so far (a lane that has not completed is missing). */
export async function getLaneResults(db: Database, sessionId: string): Promise<Partial<LaneResultByName>> {
  const rows = await db.select().from(laneResults).where(eq(laneResults.sessionId, sessionId));
  // Each row was written by saveLaneResult for its lane, so its JSON has that lane's type.
  return Object.fromEntries(rows.map((r) => [r.lane, r.result])) as Partial<LaneResultByName>;
}

export interface NewFrame {
  timestamp: number;
  url: string;
  thumbnailUrl: string;
  imageKey: string | null;
  diffSummary: DiffSummary;
  ariaTree: AriaNode[];
  /** What changed in words ('' when nothing could say). */
  description?: string;
  action?: FrameAction | null;
}

export interface Completion {
  frames: NewFrame[];
  duration: number;
  urls: string[];
  prompt: string;
  analysis: unknown;
  /** The video lane's playback copy, when the session keeps one. */
  playbackKey?: string | null;
}

/**
 * Writes synthesis' result in one transaction: the session's frames are replaced (a re-run never
 * duplicates them) and the session completes. Returns false when it is gone or no longer processing.
 */
export async function completeSessionProcessing(db: Database, sessionId: string, c: Completion): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockProcessing(tx, sessionId);
    if (!row) return false;
    await tx.delete(frames).where(eq(frames.sessionId, sessionId));
    if (c.frames.length) {
      await tx.insert(frames).values(c.frames.map((f) => ({ ...f, id: newFrameId(), sessionId })));
    }
    const now = new Date().toISOString();
    const ps = row.ps ? structuredClone(row.ps) : null;
    if (ps) {
      ps.synthesis = { ...ps.synthesis, status: 'complete', progress: 100, completedAt: now, detail: `${c.frames.length} ${c.frames.length === 1 ? 'frame' : 'frames'}` };
      ps.overallStage = 'complete';
      ps.lastUpdated = now;
    }
    await tx
      .update(sessions)
      .set({
        status: 'complete',
        duration: c.duration,
        frameCount: c.frames.length,
        urls: c.urls,
        urlCount: c.urls.length,
        prompt: c.prompt,
        analysis: c.analysis,
        playbackKey: c.playbackKey ?? null,
        processingStatus: ps,
        processingTime: sql`coalesce(${elapsedMs}, ${sessions.processingTime})`,
        updatedAt: sql`now()`,
      })
      .where(eq(sessions.id, sessionId));
    return true;
  });
}

/** The watchdog: sessions processing for longer than `maxAgeMs` end in error. Returns their ids. */
export async function failStuckSessions(db: Database, maxAgeMs: number): Promise<string[]> {
  const minutes = Math.round(maxAgeMs / 60_000);
  const message = `processing did not finish within ${minutes >= 1 ? `${minutes} min` : `${Math.round(maxAgeMs / 1000)} s`}; please upload the recording again`;
  const stuck = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.status, 'processing'),
        lt(sessions.processingStartedAt, sql`now() - make_interval(secs => ${maxAgeMs / 1000})`),
      ),
    );
  const failed: string[] = [];
  for (const { id } of stuck) if (await failSessionProcessing(db, id, null, message)) failed.push(id);
  return failed;
}
