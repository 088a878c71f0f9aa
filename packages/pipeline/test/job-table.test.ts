import { describe, expect, it } from 'vitest';
import { JOB_NAMES, JOBS, jobOptions, recordingFlow, type JobTable } from '../src/index.js';

/** ARCHITECTURE.md's recipe: a job type added to the table needs no edit elsewhere in the pipeline package. */
const withVision = {
  ...JOBS,
  vision: {
    lane: 'videoLane',
    label: 'vision lane',
    completesSession: false,
    attempts: 5,
    backoffMs: 3_000,
    timeoutMs: 60_000,
    concurrency: 3,
    data: (sessionId: string, upload: { maxRecordingMinutes: number }) => ({ sessionId, minutes: upload.maxRecordingMinutes }),
  },
} as const satisfies JobTable;

describe('the job table', () => {
  it('names the queues', () => {
    expect(JOB_NAMES).toEqual(['video', 'playwright', 'synthesize']);
  });

  it('shapes the flow: the job that completes the session is the parent, every other job a failing-the-parent child', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5 });
    expect(flow).toMatchObject({ name: 'synthesize', queueName: 'synthesize', data: { sessionId: 'sess_ABCDEFGH' } });
    expect(flow.opts).toMatchObject({ jobId: 'sess_ABCDEFGH-synthesize', attempts: 3, backoff: { type: 'exponential', delay: 1_000 } });
    expect(flow.children.map((c) => [c.name, c.data, c.opts.failParentOnFailure])).toEqual([
      ['video', { sessionId: 'sess_ABCDEFGH', maxRecordingMinutes: 5 }, true],
      ['playwright', { sessionId: 'sess_ABCDEFGH' }, true],
    ]);
  });

  it('a test-only job type added to the table is a child of the flow with its own data and policy', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 7 }, withVision);
    const vision = flow.children.find((c) => c.name === 'vision')!;
    expect(vision).toMatchObject({ queueName: 'vision', data: { sessionId: 'sess_ABCDEFGH', minutes: 7 } });
    expect(vision.opts).toMatchObject({ jobId: 'sess_ABCDEFGH-vision', attempts: 5, backoff: { delay: 3_000 }, failParentOnFailure: true });
    expect(jobOptions('sess_ABCDEFGH', 'vision', withVision).attempts).toBe(5);
    expect(flow.name).toBe('synthesize');
  });

  it('refuses a table without exactly one job that completes the session', () => {
    const twoParents = { ...withVision, vision: { ...withVision.vision, completesSession: true } };
    expect(() => recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5 }, twoParents)).toThrow(/exactly one/);
  });
});
