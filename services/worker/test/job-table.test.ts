import type { Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser, getSessionById, type SessionRow } from '@claude-scope/db';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';
import { initialProcessingStatus, JOBS, type JobTable } from '@claude-scope/pipeline';
import { concurrencyOf, concurrencySpec, loadWorkerConfig, workerConfigSpec } from '../src/config.js';
import { handlers } from '../src/jobs/handlers.js';
import { runJob, type HandlerTable } from '../src/jobs/run-job.js';
import { createRuntime, type Runtime } from '../src/runtime.js';

/**
 * ARCHITECTURE.md's recipe for a new job type: one entry in the job table. A test-only `extra` job gets its
 * concurrency setting, its status, label, timeout and retries from the table, and the worker's runner needs
 * no edit; only the handler table insists on a handler.
 */
const withExtra = {
  ...JOBS,
  extra: {
    lane: 'playwrightLane',
    label: 'extra lane',
    completesSession: false,
    attempts: 2,
    backoffMs: 1_000,
    timeoutMs: 200,
    concurrency: 3,
    data: (sessionId: string) => ({ sessionId, model: 'test' }),
  },
} as const satisfies JobTable;

// @ts-expect-error -- a job type of the table without a handler does not compile.
const missing: HandlerTable<typeof withExtra> = handlers;
void missing;

describe('the job table, from the worker', () => {
  it('derives one WORKER_CONCURRENCY_<NAME> per job type, defaulting to the table', () => {
    for (const name of Object.keys(JOBS)) expect(workerConfigSpec).toHaveProperty(`WORKER_CONCURRENCY_${name.toUpperCase()}`);
    const spec = concurrencySpec(withExtra);
    expect(spec.WORKER_CONCURRENCY_EXTRA.default).toBe(3);
    const config = loadWorkerConfig({ ...process.env, WORKER_CONCURRENCY_PLAYWRIGHT: '7' });
    expect(concurrencyOf(config, 'playwright')).toBe(7);
    expect(concurrencyOf(config, 'video')).toBe(JOBS.video.concurrency);
  });

  describe('runs a job type added to the table', () => {
    let db: TestDatabase;
    let rt: Runtime;
    let session: SessionRow;
    const seen: { data: unknown; session: SessionRow }[] = [];
    let extraBehaviour: 'ok' | 'hang' = 'ok';
    const table: HandlerTable<typeof withExtra> = {
      ...handlers,
      extra: async ({ data, session: s, signal }) => {
        seen.push({ data, session: s });
        if (extraBehaviour === 'hang') await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        return { detail: `model ${data.model}` };
      },
    };
    const job = (attemptsMade: number) =>
      ({ name: 'extra', id: 'j1', data: { sessionId: session.id, model: 'test' }, attemptsMade, opts: { attempts: 2 }, updateProgress: async () => {} }) as unknown as Job;

    beforeAll(async () => {
      db = await createTestDatabase();
      const config = loadWorkerConfig({ ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
      rt = createRuntime(config, pino({ level: 'silent' }));
      const user = await createUser(rt.db, { name: 'Vision', email: 'vision@example.com', passwordHash: null });
      session = await createSession(rt.db, user.id, {
        title: 'Vision',
        agentTarget: 'RAW',
        processingStatus: initialProcessingStatus(),
        processingStartedAt: new Date(),
      });
    });
    afterAll(async () => {
      await rt?.close();
      await db?.drop();
    });

    it('hands the handler its data and the session read once; completes its status from the table', async () => {
      await runJob(rt, table, job(0), withExtra);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.data).toEqual({ sessionId: session.id, model: 'test' });
      expect(seen[0]!.session.id).toBe(session.id);
      const row = await getSessionById(rt.db, session.id);
      expect(row!.processingStatus!.playwrightLane).toMatchObject({ status: 'complete', progress: 100, detail: 'model test' });
    });

    it('an optional lane that fails for good ends its status in error and leaves the session processing', async () => {
      extraBehaviour = 'hang';
      const optional = { ...withExtra, extra: { ...withExtra.extra, optional: true } } as const satisfies JobTable;
      await expect(runJob(rt, table, job(1), optional)).resolves.toBeUndefined();
      const row = await getSessionById(rt.db, session.id);
      expect(row).toMatchObject({ status: 'processing', lastError: null });
      expect(row!.processingStatus!.playwrightLane).toMatchObject({ status: 'error', error: 'extra lane timed out after 0 s' });
      extraBehaviour = 'ok';
    });

    it("times out after the table's timeout and fails the session with the table's label on the last attempt", async () => {
      extraBehaviour = 'hang';
      await expect(runJob(rt, table, job(1), withExtra)).rejects.toThrow('extra lane timed out after 0 s');
      const row = await getSessionById(rt.db, session.id);
      expect(row).toMatchObject({ status: 'error', lastError: 'extra lane timed out after 0 s' });
    });
  });
});
