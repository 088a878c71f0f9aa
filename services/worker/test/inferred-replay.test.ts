import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecording, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { Stack } from './harness.js';

interface FrameBody {
  timestamp: number;
  url: string;
  ariaTree: unknown[];
  diffSummary: { added: number; changed: number; removed: number };
  description: string;
  action: { type: string; name?: string; source: string; confidence?: number } | null;
}

const dump = async (name: string, body: unknown) => {
  if (process.env.INFERRED_REPLAY_DUMP) (await import('node:fs')).writeFileSync(`${process.env.INFERRED_REPLAY_DUMP}-${name}.json`, JSON.stringify(body, null, 1));
};

/**
 * Issue 20, point 4: a recording uploaded WITHOUT a timeline, its seed URL reachable (the testkit's demo app,
 * served here): the Playwright lane runs after the vision lane and replays the events it inferred — by role and
 * name, then visible text — so frames get real ARIA trees and diffs from the browser; an event that cannot be
 * replayed stays as the video observed it. Real Postgres, Redis, S3, ffmpeg, OCR and Chromium.
 */
describe('inferred events replayed on a reachable seed', () => {
  const stack = new Stack();
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await startDemoApp();
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  it('frames get real ARIA trees and diffs from replaying what the video showed', async () => {
    const rec = await generateRecording('modal-confirm', { width: 1280, height: 720 });
    const user = await stack.signup();
    const res = await stack.upload(user.auth, rec.videoPath, { title: 'Delete a task', seedUrl: `${demo.url}/tasks` });
    await dump('modal-confirm', res.body);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.processingStatus).toMatchObject({
      overallStage: 'complete',
      videoLane: { status: 'complete' },
      visionLane: { status: 'complete' },
      playwrightLane: { status: 'complete', detail: expect.stringMatching(/^\d+ of \d+ inferred events? replayed$/) },
    });
    const frames: FrameBody[] = res.body.frames;
    // Every frame's tree comes from the browser; the ones after a replayed click differ from the seed page.
    expect(frames.every((f) => f.ariaTree.length > 0)).toBe(true);
    const changed = frames.filter((f) => f.diffSummary.added + f.diffSummary.changed + f.diffSummary.removed > 0);
    expect(changed.length, 'frames whose ARIA diff is not empty').toBeGreaterThanOrEqual(2);
    // The dialog the replayed click opened is in the replayed page's tree, not only read off the screen.
    expect(JSON.stringify(frames.map((f) => f.ariaTree))).toMatch(/"role":"dialog"/);
    // The actions stay as inferred (source video, with a confidence); the prompt says which the browser replayed.
    expect(frames.every((f) => f.action === null || (f.action.source === 'video' && typeof f.action.confidence === 'number'))).toBe(true);
    const prompt: string = res.body.prompt;
    expect(prompt).toMatch(/Claude Scope's browser replayed [1-9]\d* of \d+ from the seed URL/);
    expect(prompt).toContain('(inferred from the video, replayed in the browser)');
    expect(prompt).toContain('What changed (replayed in the browser)');
    const timeline = await stack.get(user.auth, `/api/sessions/${res.body.sessionId}/timeline`);
    expect(timeline.source).toBe('video');
  });

  it('an inferred event that cannot be replayed stays as the video observed it', async () => {
    // A whole browser window: the address bar shows demo.test, mapped onto the seed's origin for the replay. The
    // password read as dots is not typed, so the sign-in the replay clicks does not lead where the video went, and
    // labels misread on screen match nothing: those steps keep the video's reading.
    const rec = await generateRecording('login-flow', { width: 1280, height: 720 });
    const user = await stack.signup();
    const res = await stack.upload(user.auth, rec.videoPath, { title: 'Sign-in, then the profile', seedUrl: `${demo.url}/login` });
    await dump('login-flow', res.body);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.processingStatus).toMatchObject({ overallStage: 'complete', visionLane: { status: 'complete' }, playwrightLane: { status: 'complete' } });
    const prompt: string = res.body.prompt;
    expect(prompt).not.toContain('correct-horse-42');
    expect(prompt).toMatch(/\(inferred from the video; not replayed: [^)]*/);
    expect(prompt).not.toContain('FAILED ACTION');
    const frames: FrameBody[] = res.body.frames;
    // The frames whose event was not replayed keep the video's reading: no tree, what changed read off the screen.
    const observed = frames.filter((f) => f.action && f.ariaTree.length === 0);
    expect(observed.length).toBeGreaterThanOrEqual(1);
    expect(observed.every((f) => f.action!.source === 'video')).toBe(true);
    expect(frames[0]!.ariaTree.length, 'the seed page, opened in the browser').toBeGreaterThan(0);
  });
});
