import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecording, type Truth } from '@claude-scope/testkit';
import { Stack } from './harness.js';

/**
 * Issue 20's promise end to end: a recording of a whole browser window, uploaded WITHOUT a timeline and with a
 * seed URL the workers cannot reach (the usual self-hosted case), still completes, and its prompt says what the
 * user did and where — from the pixels alone. A quality floor on a tuning recording, not a timing.
 */
describe('a recording without a timeline, its seed unreachable', () => {
  const stack = new Stack();
  let truth: Truth;
  let videoPath: string;

  beforeAll(async () => {
    const rec = await generateRecording('login-flow', { width: 1280, height: 720 });
    truth = rec.truth;
    videoPath = rec.videoPath;
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('completes from the video and vision lanes; the prompt names what was clicked and typed and the URLs visited', async () => {
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
    // The buttons clicked and the fields typed into, by their visible labels.
    for (const label of ['Sign in', 'Account', 'Profile']) expect(prompt, `names ${label}`).toContain(label);
    expect(prompt).toMatch(/fill textbox "Email" with "ada@example\.com"/);
    // The URLs the address bar showed.
    for (const path of ['/login', '/dashboard', '/profile']) expect(res.body.urls, path).toContain(`${truth.origin}${path}`);

    const frames: { description: string; action: { source: string } | null }[] = res.body.frames;
    expect(frames.filter((f) => f.description !== '').length).toBeGreaterThanOrEqual(frames.length / 2);
    expect(frames.every((f) => f.action === null || f.action.source === 'video')).toBe(true);

    const timeline = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/timeline`);
    expect(timeline.source).toBe('video');
    expect(timeline.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'fill', name: 'Email', value: 'ada@example.com', source: 'video' }),
        expect.objectContaining({ type: 'fill', name: 'Password', value: '••••••', source: 'video' }),
        expect.objectContaining({ type: 'click', name: 'Sign in', source: 'video' }),
      ]),
    );
  });
});
