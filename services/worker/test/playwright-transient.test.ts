import { describe, expect, it } from 'vitest';
import type { AriaNode } from '@claude-scope/contracts';
import { generateRecording, rebaseTruth, type MarkedNode } from '@claude-scope/testkit';
import { captureSteps } from '../src/playwright/playwright-lane.js';
import { fuseFrames } from '../src/synthesis/fuse.js';
import { useBrowser, useDemoApp } from './lane-fixtures.js';

const norm = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

/** The toast's text: what the demo app's `status` region (#toasts) shows, '' when it is empty. */
function toastText(tree: readonly (AriaNode | MarkedNode)[]): string {
  for (const n of tree) {
    if (n.role === 'status') {
      const kids = (n.children ?? []).map((c) => norm(c.text) || norm(c.name)).filter(Boolean);
      return [norm(n.name), norm(n.text), ...kids].filter(Boolean).join(' ');
    }
    const inner = toastText(n.children ?? []);
    if (inner) return inner;
  }
  return '';
}

function findStatus(tree: readonly MarkedNode[]): MarkedNode | undefined {
  for (const n of tree) {
    if (n.role === 'status') return n;
    const inner = findStatus(n.children ?? []);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Issue 19, point 2, in real Chromium against the demo app: the testkit's toast-and-list recording adds a task, whose
 * toast hides on its own 2 s later, before the user's next event. The frame the video shows with the toast gets a
 * tree with it; the frame after it hid gets the state the lane captured after the hide (a capture of its own, paired
 * by the frame's moment), without the toast, marked as a change of the toast's region.
 */
describe('Playwright lane: states the page reaches on its own (toast-and-list)', () => {
  const app = useDemoApp();
  const browser = useBrowser(1);

  it('pairs the frame showing the toast with a tree holding it, and the frame after it hid with a later capture without it', async () => {
    const truth = rebaseTruth((await generateRecording('toast-and-list', { width: 1280, height: 720 })).truth, app.url);
    const seedUrl = truth.timeline.find((e) => e.type === 'navigate')!.url;
    const steps = await captureSteps(browser, {
      seedUrl,
      timeline: truth.timeline,
      policy: { allowPrivate: false, allowedHosts: [new URL(app.url).host] },
      navigationTimeoutMs: 15_000,
      signal: new AbortController().signal,
    });
    expect(steps.filter((s) => s.failure)).toEqual([]);

    // The lane: each toast's hide is a later capture of the step it fell in (the add's own, or the next event's when
    // the user acted again first), after the step's capture: the state before it shows the toast, the capture not.
    const hidden = steps.flatMap((s) => {
      const states = [{ at: s.at!, tree: s.tree }, ...(s.later ?? [])];
      return states.slice(1).filter((c, j) => toastText(states[j]!.tree) === 'Task added' && toastText(c.tree) === '' && c.at > s.at!);
    });
    expect(hidden.length).toBe(3);

    // Synthesis: one frame per ground-truth step, at the moment the video shows it settled.
    const video = {
      durationMs: truth.durationMs,
      width: truth.width,
      height: truth.height,
      frames: truth.steps.map((s, i) => ({ timestamp: s.settledMs, imageKey: `f${i}`, thumbnailUrl: '', score: 1 })),
    };
    const frames = fuseFrames({ seedUrl, timeline: truth.timeline, video, steps });
    const hides = truth.steps.flatMap((s, i) => (s.kind === 'toast-hide' ? [i] : []));
    expect(hides.length).toBe(3);
    for (const i of hides) {
      const at = `toast-hide at ${truth.steps[i]!.settledMs} ms`;
      // The frame before shows the toast (the video's frame at the add, or the validation message while it is up).
      expect(toastText(frames[i - 1]!.ariaTree), at).toBe('Task added');
      // The frame after it hid: the region empty, marked changed from the toast's text.
      expect(toastText(frames[i]!.ariaTree), at).toBe('');
      const region = findStatus(frames[i]!.ariaTree);
      expect(region?.diffStatus, at).toBe('changed');
      expect(region?.previous, at).toMatchObject({ text: 'Task added' });
    }
  });
});
