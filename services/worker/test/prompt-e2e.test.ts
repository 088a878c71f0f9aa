import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecording, rebaseTruth, startDemoApp, type DemoApp, type Truth } from '@claude-scope/testkit';
import { Stack } from './harness.js';

const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/examples');
const FILES = { CLAUDE_CODE: 'claude-code.md', CODEX: 'codex.md', CURSOR: 'cursor.mdc', RAW: 'raw.txt' } as const;

const describeEvent = (e: Truth['timeline'][number]) =>
  e.type === 'click' || e.type === 'fill' ? `${e.role} "${e.name}"` : e.type === 'navigate' ? e.url : e.type === 'press' ? `press ${e.key}` : 'scroll';

/**
 * The product end to end: a generated screen recording of the demo app with its timeline goes in; the
 * prompt that comes out names every step the user took. UPDATE_EXAMPLES=1 rewrites docs/examples/.
 */
describe('prompt from a generated recording', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let truth: Truth;
  let videoPath: string;

  beforeAll(async () => {
    demo = await startDemoApp();
    const rec = await generateRecording('login-flow', { width: 960, height: 540 });
    truth = rebaseTruth(rec.truth, demo.url);
    videoPath = rec.videoPath;
    await stack.start();
    await stack.spawnWorker();
  });
  afterAll(async () => {
    await stack.stop();
    await demo?.close();
  });

  it('names every step of the ground truth, in every format, without leaking the typed password', async () => {
    const user = await stack.signup();
    const seedUrl = truth.timeline.find((e) => e.type === 'navigate')?.url ?? `${demo.url}/login`;
    const res = await stack.upload(user.auth, videoPath, {
      title: 'Profile page is slow to open after sign-in',
      seedUrl,
      notes: 'After signing in, opening Account → Profile takes a while. Token for staging: Bearer abcdef0123456789abcdef0123456789',
      timeline: JSON.stringify(truth.timeline),
      durationMs: String(truth.durationMs),
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const id = res.body.sessionId;
    expect(res.body.urls).toEqual(expect.arrayContaining([seedUrl]));
    for (const f of res.body.frames) expect(res.body.urls).toContain(f.url);

    for (const [agentTarget, file] of Object.entries(FILES)) {
      const { prompt } = await stack.get(user.auth, `/api/sessions/${id}/prompt?agentTarget=${agentTarget}`);
      for (const e of truth.timeline) expect(prompt, `${agentTarget} names ${describeEvent(e)}`).toContain(describeEvent(e));
      expect(prompt).not.toContain('correct-horse-42');
      expect(prompt).not.toContain('abcdef0123456789abcdef0123456789');
      if (process.env.UPDATE_EXAMPLES) {
        mkdirSync(EXAMPLES_DIR, { recursive: true });
        writeFileSync(path.join(EXAMPLES_DIR, file), prompt.replaceAll(demo.url, 'http://localhost:5173'));
      }
    }
  });
});
