import { describe, expect, it } from 'vitest';
import { JOB_NAMES, JOBS, jobOptions, recordingFlow, type JobTable } from '../src/index.js';

/** ARCHITECTURE.md's recipe: a job type added to the table needs no edit elsewhere in the pipeline package. */
const withExtra = {
  ...JOBS,
  extra: {
    lane: 'videoLane',
    label: 'extra lane',
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
    expect(JOB_NAMES).toEqual(['video', 'playwright', 'vision', 'synthesize']);
  });

  it('shapes the flow: the job that completes the session is the parent, every other job a failing-the-parent child', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5, hasTimeline: true });
    expect(flow).toMatchObject({ name: 'synthesize', queueName: 'synthesize', data: { sessionId: 'sess_ABCDEFGH' } });
    expect(flow.opts).toMatchObject({ jobId: 'sess_ABCDEFGH-synthesize', attempts: 3, backoff: { type: 'exponential', delay: 1_000 } });
    expect(flow.children.map((c) => [c.name, c.data, c.opts.failParentOnFailure])).toEqual([
      ['playwright', { sessionId: 'sess_ABCDEFGH' }, true],
      ['vision', { sessionId: 'sess_ABCDEFGH' }, true],
    ]);
  });

  it('a lane that reads another (vision after video) is its parent: the video lane runs first, the Playwright lane beside both', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5, hasTimeline: true });
    const vision = flow.children.find((c) => c.name === 'vision')!;
    expect(vision.children?.map((c) => [c.name, c.data, c.opts.failParentOnFailure, c.opts.jobId])).toEqual([
      ['video', { sessionId: 'sess_ABCDEFGH', maxRecordingMinutes: 5 }, true, 'sess_ABCDEFGH-video'],
    ]);
    expect(flow.children.find((c) => c.name === 'playwright')!.children).toBeUndefined();
  });

  it('without an uploaded timeline the Playwright lane runs after the vision lane (it replays what that lane inferred)', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5, hasTimeline: false });
    expect(flow.children.map((c) => c.name)).toEqual(['playwright']);
    const playwright = flow.children[0]!;
    expect(playwright.opts.failParentOnFailure).toBe(true);
    const vision = playwright.children!;
    expect(vision.map((c) => [c.name, c.opts.jobId, c.opts.failParentOnFailure])).toEqual([['vision', 'sess_ABCDEFGH-vision', true]]);
    expect(vision[0]!.children!.map((c) => c.name)).toEqual(['video']);
  });

  it("refuses 'after' links that name no lane, the session's parent, a lane read twice, or a cycle", () => {
    const upload = { maxRecordingMinutes: 5, hasTimeline: true };
    const bad = (after: Partial<Record<keyof typeof JOBS | 'extra', string>>) =>
      Object.fromEntries(Object.entries(withExtra).map(([n, spec]) => [n, n in after ? { ...spec, after: after[n as keyof typeof after] } : { ...spec, after: undefined }])) as JobTable;
    expect(() => recordingFlow('sess_ABCDEFGH', upload, bad({ vision: 'nope' }))).toThrow(/not another lane/);
    expect(() => recordingFlow('sess_ABCDEFGH', upload, bad({ vision: 'synthesize' }))).toThrow(/not another lane/);
    expect(() => recordingFlow('sess_ABCDEFGH', upload, bad({ vision: 'video', extra: 'video' }))).toThrow(/one reader/);
    expect(() => recordingFlow('sess_ABCDEFGH', upload, bad({ vision: 'extra', extra: 'vision' }))).toThrow(/cycle/);
  });

  it('a test-only job type added to the table is a child of the flow with its own data and policy', () => {
    const flow = recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 7, hasTimeline: true }, withExtra);
    const extra = flow.children.find((c) => c.name === 'extra')!;
    expect(extra).toMatchObject({ queueName: 'extra', data: { sessionId: 'sess_ABCDEFGH', minutes: 7 } });
    expect(extra.opts).toMatchObject({ jobId: 'sess_ABCDEFGH-extra', attempts: 5, backoff: { delay: 3_000 }, failParentOnFailure: true });
    expect(jobOptions('sess_ABCDEFGH', 'extra', withExtra).attempts).toBe(5);
    expect(flow.name).toBe('synthesize');
  });

  it('refuses a table without exactly one job that completes the session', () => {
    const twoParents = { ...withExtra, vision: { ...withExtra.extra, completesSession: true } };
    expect(() => recordingFlow('sess_ABCDEFGH', { maxRecordingMinutes: 5, hasTimeline: true }, twoParents)).toThrow(/exactly one/);
  });
});
