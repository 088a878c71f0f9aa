import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, createDb, createSession, createUser, getSessionStatus, SessionStatusReader, type Database } from '@claude-scope/db';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';

let testDb: TestDatabase;
let db: Database;
let alice: string;
let bob: string;
let aliceSessions: string[];
let bobSession: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb({ url: testDb.url, max: 4 });
  alice = (await createUser(db, { name: 'Alice', email: 'alice@example.com', passwordHash: 'x' })).id;
  bob = (await createUser(db, { name: 'Bob', email: 'bob@example.com', passwordHash: 'x' })).id;
  aliceSessions = [];
  for (let i = 0; i < 3; i++) aliceSessions.push((await createSession(db, alice, { title: `A${i}`, agentTarget: 'CLAUDE_CODE' })).id);
  bobSession = (await createSession(db, bob, { title: 'B', agentTarget: 'CLAUDE_CODE' })).id;
});

afterAll(async () => {
  await closeDb(db);
  await testDb.drop();
});

/** A reader on its own pool, with pool.query counted (and optionally held back). */
function counted(opts: ConstructorParameters<typeof SessionStatusReader>[1] = {}) {
  const pool = createDb({ url: testDb.url, max: 4 }).$client;
  const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const query = vi.spyOn(pool, 'query');
  return { reader: new SessionStatusReader(pool, opts), query, original, close: () => pool.end() };
}

describe('SessionStatusReader', () => {
  it('answers concurrent polls with one query, each caller with its own row', async () => {
    const { reader, query, close } = counted();
    try {
      const ids = [...aliceSessions, aliceSessions[0]!];
      const answers = await Promise.all(ids.map((id) => reader.read(alice, id)));
      expect(query).toHaveBeenCalledTimes(1);
      expect(answers.map((a) => a?.sessionId)).toEqual(ids);
      for (const a of answers) {
        expect(a).toEqual({ sessionId: a!.sessionId, sessionStatus: 'processing', processingStatus: null, processingTime: 0, lastError: null });
      }
    } finally {
      await close();
    }
  });

  it('keeps tenants apart inside a batch: a row goes only to its owner', async () => {
    const { reader, query, close } = counted();
    try {
      const [own, foreign, bobsOwn, aliceOnBob, missing] = await Promise.all([
        reader.read(alice, aliceSessions[0]!),
        reader.read(bob, aliceSessions[0]!),
        reader.read(bob, bobSession),
        reader.read(alice, bobSession),
        reader.read(alice, 'sess_DOESNOTEXIST'),
      ]);
      expect(query).toHaveBeenCalledTimes(1);
      expect(own?.sessionId).toBe(aliceSessions[0]);
      expect(foreign).toBeUndefined();
      expect(bobsOwn?.sessionId).toBe(bobSession);
      expect(aliceOnBob).toBeUndefined();
      expect(missing).toBeUndefined();
      // The owner check is exact: another spelling of the same user id is not the owner.
      expect(await reader.read(alice.toLowerCase(), aliceSessions[0]!)).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('never answers a poll from a batch sent before it arrived', async () => {
    const { reader, query, original, close } = counted({ maxInFlight: 1 });
    const id = aliceSessions[1]!;
    try {
      // Hold the first batch's answer back until the row has been changed.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let calls = 0;
      query.mockImplementation((async (...args: unknown[]) => {
        const result = await original(...args);
        if (++calls === 1) await gate;
        return result;
      }) as never);

      const first = reader.read(alice, id);
      await vi.waitFor(() => expect(calls).toBe(1)); // the first batch has been read at Postgres
      await db.$client.query(`update sessions set status = 'error', last_error = 'boom' where id = $1`, [id]);
      const second = reader.read(alice, id); // arrives while the first batch is still out
      release();
      expect((await first)?.sessionStatus).toBe('processing');
      expect(await second).toMatchObject({ sessionStatus: 'error', lastError: 'boom' });
      expect(calls).toBe(2);
    } finally {
      await db.$client.query(`update sessions set status = 'processing', last_error = null where id = $1`, [id]);
      await close();
    }
  });

  it('rejects every poll of a failed batch, and the next batch works', async () => {
    const { reader, query, close } = counted();
    try {
      query.mockRejectedValueOnce(new Error('connection lost') as never);
      const failed = await Promise.allSettled([reader.read(alice, aliceSessions[0]!), reader.read(bob, bobSession)]);
      expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((failed[0] as PromiseRejectedResult).reason).toHaveProperty('message', 'connection lost');
      expect((await reader.read(bob, bobSession))?.sessionId).toBe(bobSession);
    } finally {
      await close();
    }
  });

  it('splits a backlog larger than maxBatch', async () => {
    const { reader, query, close } = counted({ maxBatch: 2 });
    try {
      const answers = await Promise.all([...aliceSessions, bobSession, aliceSessions[0]!].map((id) => reader.read(alice, id)));
      expect(query).toHaveBeenCalledTimes(3);
      expect(answers.map((a) => a?.sessionId)).toEqual([...aliceSessions, undefined, aliceSessions[0]]);
    } finally {
      await close();
    }
  });
});

describe('getSessionStatus', () => {
  it('reads through one reader per pool', async () => {
    const [a, b] = await Promise.all([getSessionStatus(db, alice, aliceSessions[2]!), getSessionStatus(db, bob, aliceSessions[2]!)]);
    expect(a?.sessionId).toBe(aliceSessions[2]);
    expect(b).toBeUndefined();
  });

  it('reports the processing time from processing_started_at while processing', async () => {
    const id = aliceSessions[2]!;
    await db.$client.query(`update sessions set processing_started_at = now() - interval '2 seconds' where id = $1`, [id]);
    const s = await getSessionStatus(db, alice, id);
    expect(s?.processingTime).toBeGreaterThanOrEqual(1900);
    expect(s?.processingTime).toBeLessThan(60_000);
  });
});
