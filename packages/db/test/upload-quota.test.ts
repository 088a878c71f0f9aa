import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDb,
  countProcessingUploads,
  createDb,
  createSession,
  createUser,
  insertWithinProcessingLimit,
  ProcessingLimitError,
  type Database,
} from '@claude-scope/db';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb({ url: testDb.url, max: 8 });
});
afterAll(async () => {
  await closeDb(db);
  await testDb.drop();
});

const user = async (name: string) => (await createUser(db, { name, email: `${name}@example.com`, passwordHash: 'x' })).id;
const upload = (tx: Database, userId: string) =>
  createSession(tx, userId, { title: 'upload', agentTarget: 'CLAUDE_CODE', processingStartedAt: new Date(), recordingKey: 'k' });

describe('processing uploads per account', () => {
  it('counts only uploads still processing (not sessions made with POST /sessions, not finished ones)', async () => {
    const ada = await user('ada');
    await createSession(db, ada, { title: 'manual', agentTarget: 'CLAUDE_CODE' });
    await upload(db, ada);
    await upload(db, await user('other'));
    expect(await countProcessingUploads(db, ada)).toBe(1);
  });

  it('lets exactly max − processing of many concurrent inserts through, even when each counts before any inserts', async () => {
    const bo = await user('bo');
    await upload(db, bo);
    const max = 3;
    // Each insert waits after its count: without the lock every one would count 1 and insert.
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        insertWithinProcessingLimit(db, bo, max, async (tx) => {
          await sleep(50);
          return upload(tx, bo);
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    for (const a of attempts.filter((x) => x.status === 'rejected')) expect((a as PromiseRejectedResult).reason).toBeInstanceOf(ProcessingLimitError);
    expect(await countProcessingUploads(db, bo)).toBe(max);
  });

  it('never makes another account wait', async () => {
    const [cy, di] = [await user('cy'), await user('di')];
    let release!: () => void;
    const held = insertWithinProcessingLimit(db, cy, 5, async (tx) => {
      await new Promise<void>((r) => (release = r));
      return upload(tx, cy);
    });
    await sleep(50);
    const started = Date.now();
    await insertWithinProcessingLimit(db, di, 5, (tx) => upload(tx, di));
    expect(Date.now() - started).toBeLessThan(1000);
    release();
    await held;
  });
});
