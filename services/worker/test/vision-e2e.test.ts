import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecording, type Truth } from '@claude-scope/testkit';
import { Stack, type WorkerProcess } from './harness.js';

/**
 * Issue 20's promise end to end: a recording of a whole browser window, uploaded WITHOUT a timeline and with a
 * seed URL the workers cannot reach (the usual self-hosted case), still completes, and its prompt says what the
 * user did and where — from the pixels alone, and a value typed and submitted with Enter. A quality floor on tuning
 * recordings, not a timing (what the lane still misses is in bench/results/vision*.md).
 */
describe('a recording without a timeline, its seed unreachable', () => {
  const stack = new Stack();
  let truth: Truth;
  let videoPath: string;
  let worker: WorkerProcess;

  beforeAll(async () => {
    const rec = await generateRecording('login-flow', { width: 1280, height: 720 });
    truth = rec.truth;
    videoPath = rec.videoPath;
    await stack.start();
    // As a vision worker starts in production: its OCR pool warmed at start (the harness turns that off elsewhere).
    worker = await stack.spawnWorker({ VISION_OCR_WARM_UP: 'true' });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('completes from the video and vision lanes; the prompt names buttons clicked and the URLs visited', async () => {
    const user = await stack.signup();
    // demo.test never resolves (RFC 6761): the page cannot be opened, as with a developer's localhost app.
    const seedUrl = `${truth.origin}/login`;
    const res = await stack.upload(user.auth, videoPath, { title: 'Sign-in, then the profile', seedUrl });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.processingStatus).toMatchObject({
      overallStage: 'complete',
      videoLane: { status: 'complete' },
      visionLane: { status: 'complete' },
      playwrightLane: { status: 'error', error: expect.stringMatching(/could not be opened/) },
    });
    const prompt: string = res.body.prompt;
    if (process.env.VISION_E2E_DUMP) (await import('node:fs')).writeFileSync(process.env.VISION_E2E_DUMP, JSON.stringify({ truth, body: res.body }, null, 1));
    expect(prompt).toContain('could not be opened');
    expect(prompt).not.toContain('correct-horse-42');
    expect(prompt).not.toContain('nothing visible in the UI');
    // Buttons clicked, by their visible labels, as actions inferred from the video (at least two of the four).
    const clicked = ['Sign in', 'Account', 'Remember me', 'Profile'].filter((label) => prompt.includes(`click button "${label}" (inferred from the video)`));
    expect(clicked.length, `clicks named: ${clicked.join(', ')}`).toBeGreaterThanOrEqual(2);
    // The URLs the address bar showed: the frames carry them, and the visited list.
    for (const path of ['/login', '/dashboard', '/settings']) expect(res.body.urls, path).toContain(`${truth.origin}${path}`);
    expect(res.body.frames.at(-1).url).toBe(`${truth.origin}/settings`);

    const frames: { description: string; action: { source: string } | null }[] = res.body.frames;
    expect(frames.filter((f) => f.description !== '').length).toBeGreaterThanOrEqual(frames.length / 2);
    expect(frames.every((f) => f.action === null || f.action.source === 'video')).toBe(true);

    const timeline = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/timeline`);
    expect(timeline.source).toBe('video');
    const named = timeline.events.filter((e: { type: string; name?: string; source: string }) => e.type === 'click' && e.source === 'video' && clicked.includes(e.name!));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(worker.logs.some((l) => l.includes('OCR pool warmed'))).toBe(true);
  });

  it('names a value typed and submitted with Enter, which no keyframe shows, from the frame the video lane kept for it', async () => {
    // toast-and-list: "Call the bank" typed into New task, then Enter 130 ms later (the field clears, the list grows).
    const rec = await generateRecording('toast-and-list', { width: 1280, height: 720 });
    const user = await stack.signup();
    const res = await stack.upload(user.auth, rec.videoPath, { title: 'Adding tasks', seedUrl: `${rec.truth.origin}/tasks` });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.processingStatus).toMatchObject({ overallStage: 'complete', visionLane: { status: 'complete' } });
    const timeline = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/timeline`);
    const fills = timeline.events.filter((e: { type: string }) => e.type === 'fill');
    expect(fills, JSON.stringify(timeline.events)).toContainEqual(expect.objectContaining({ type: 'fill', value: 'Call the bank', source: 'video' }));
    const at = timeline.events.findIndex((e: { value?: string }) => e.value === 'Call the bank');
    expect(timeline.events[at + 1]).toMatchObject({ type: 'press', key: 'Enter', source: 'video' });
    expect(res.body.prompt).toMatch(/fill .*"Call the bank".*\n?.*press Enter/);
  });
});
