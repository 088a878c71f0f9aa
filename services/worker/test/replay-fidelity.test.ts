import { describe, expect, it } from 'vitest';
import { addScores, emptyScore, generateRecording, precision, rebaseTruth, recall, SCENARIOS, scoreStep, type Score } from '@claude-scope/testkit';
import { captureSteps } from '../src/playwright/playwright-lane.js';
import { fuseFrames } from '../src/synthesis/fuse.js';
import { useBrowser, useDemoApp } from './lane-fixtures.js';

// The validation recordings (never tuned on; see packages/testkit README), together: bench:replay reports each.
const VALIDATION = SCENARIOS.filter((s) => s.split === 'validation').map((s) => s.name);

/**
 * Issue 19, point 6: a quality floor, not a timing. The lane replays each validation recording's timeline against the
 * demo app; synthesis fuses its steps with one frame per ground-truth step (at the step's settled moment, a perfect
 * keyframe detector); each frame's marks must recover the named ARIA changes ground truth lists for that step.
 */
describe(`Playwright lane fidelity on the validation recordings (${VALIDATION.join(', ')})`, () => {
  const app = useDemoApp();
  const browser = useBrowser(1);

  /** One recording: the lane's replay fused with one frame per truth step, scored against the truth. */
  async function fidelity(scenario: string): Promise<Score> {
    const truth = rebaseTruth((await generateRecording(scenario, { width: 1280, height: 720 })).truth, app.url);
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
    console.info(`${scenario}: recall ${score.recovered}/${score.truth}, precision ${score.right}/${score.marks}`);
    return score;
  }

  // On a fresh machine this generates each validation recording first (about 40 s each on 2 cores).
  it('recovers ≥ 90 % of the named changes ground truth lists, and ≥ 80 % of its marks are right', { timeout: 600_000 }, async () => {
    let score = emptyScore();
    for (const scenario of VALIDATION) score = addScores(score, await fidelity(scenario));
    expect(score.truth).toBeGreaterThan(100);
    expect(recall(score)).toBeGreaterThanOrEqual(0.9);
    expect(precision(score)).toBeGreaterThanOrEqual(0.8);
  });
});
