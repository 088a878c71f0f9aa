import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addScores, emptyScore, generateRecording, precision, rebaseTruth, recall, scoreStep, startDemoApp, type DemoApp, type Truth } from '@claude-scope/testkit';
import { BrowserManager } from '../src/browser/manager.js';
import { captureSteps } from '../src/playwright/playwright-lane.js';
import { fuseFrames } from '../src/synthesis/fuse.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A validation recording (never tuned on; see packages/testkit README): a quantity stepper clicked in bursts,
// a note typed, a spinner, a toast. bench:replay reports every recording.
const SCENARIO = 'v-checkout-dark';

/**
 * Issue 19, point 6: a quality floor, not a timing. The lane replays a testkit recording's timeline against the
 * demo app; synthesis fuses its steps with one frame per ground-truth step (at the step's settled moment, a perfect
 * keyframe detector); each frame's marks must recover the named ARIA changes ground truth lists for that step.
 */
describe(`Playwright lane fidelity on a validation recording (${SCENARIO})`, () => {
  let app: DemoApp;
  let truth: Truth;
  const browser = new BrowserManager({ executablePath: CHROMIUM, noSandbox: process.env.CHROMIUM_NO_SANDBOX === 'true', maxPages: 1, log: pino({ level: 'silent' }) });

  beforeAll(async () => {
    app = await startDemoApp();
    truth = rebaseTruth((await generateRecording(SCENARIO, { width: 1280, height: 720 })).truth, app.url);
  });
  afterAll(async () => {
    await browser.close();
    await app?.close();
  });

  it('recovers ≥ 90 % of the named changes ground truth lists, and ≥ 80 % of its marks are right', async () => {
    const seedUrl = truth.timeline.find((e) => e.type === 'navigate')!.url;
    const steps = await captureSteps(browser, {
      seedUrl,
      timeline: truth.timeline,
      policy: { allowPrivate: false, allowedHosts: [new URL(app.url).host] },
      navigationTimeoutMs: 15_000,
      signal: new AbortController().signal,
    });
    expect(steps.filter((s) => s.failure)).toEqual([]);
    const video = {
      durationMs: truth.durationMs,
      width: truth.width,
      height: truth.height,
      frames: truth.steps.map((s, i) => ({ timestamp: s.settledMs, imageKey: `f${i}`, thumbnailUrl: '', score: 1 })),
    };
    const frames = fuseFrames({ seedUrl, timeline: truth.timeline, video, steps });
    let score = emptyScore();
    truth.steps.forEach((s, i) => {
      if (i > 0 && s.aria) score = addScores(score, scoreStep(s.aria, frames[i]!.ariaTree));
    });
    console.info(`${SCENARIO}: recall ${score.recovered}/${score.truth}, precision ${score.right}/${score.marks}`);
    expect(score.truth).toBeGreaterThan(10);
    expect(recall(score)).toBeGreaterThanOrEqual(0.9);
    expect(precision(score)).toBeGreaterThanOrEqual(0.8);
  });
});
