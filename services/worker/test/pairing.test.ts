import { describe, expect, it } from 'vitest';
import type { PlaywrightStep, VideoLaneResult } from '@claude-scope/pipeline';
import { fuseFrames } from '../src/synthesis/fuse.js';
import { pairCapture } from '../src/synthesis/pairing.js';

const url = 'http://app.test/tasks';
const list = [{ role: 'button', name: 'Add task' }];
const withToast = [...list, { role: 'status', name: '', text: 'Task added' }];
const toastGone = [...list, { role: 'status', name: '' }];
const step = (t: number, tree: PlaywrightStep['tree'], extra: Partial<PlaywrightStep> = {}): PlaywrightStep => ({
  t, url, title: 'Tasks', tree, consoleErrors: [], failedRequests: [], ...extra,
});
const video = (ts: number[]): VideoLaneResult => ({
  durationMs: 10_000, width: 1280, height: 720, frames: ts.map((timestamp) => ({ timestamp, imageKey: `k${timestamp}`, thumbnailUrl: '', score: 1 })),
});

describe('pairing a frame with the capture whose moment matches it', () => {
  // The click shows a toast (captured 250 ms after it); the toast hides on its own 2.2 s after the click.
  const click = step(1000, withToast, { event: { t: 1000, type: 'click', role: 'button', name: 'Add task' }, at: 250, later: [{ at: 2200, url, title: 'Tasks', tree: toastGone }] });

  it('a step without later captures is its own capture at any moment (results stored before them too)', () => {
    const plain = step(1000, withToast);
    for (const offset of [-50, 0, 300, 5000]) expect(pairCapture(plain, offset)).toEqual({ index: 0, state: { url, title: 'Tasks', tree: withToast } });
  });

  it('chooses the capture nearest the frame: the toast while it shows, the later state once the video shows it gone', () => {
    expect(pairCapture(click, 200).index).toBe(0);
    expect(pairCapture(click, 1200).index).toBe(0);
    expect(pairCapture(click, 1900).index).toBe(1);
    expect(pairCapture(click, 2250).state.tree).toBe(toastGone);
    expect(pairCapture(click, 9000).index).toBe(1);
    // A replay slower than the video (its moments later) still pairs each frame with its own state.
    const slow = { ...click, at: 600, later: [{ ...click.later![0]!, at: 2700 }] };
    expect([pairCapture(slow, 200).index, pairCapture(slow, 2250).index]).toEqual([0, 1]);
  });

  it('a tie goes to the earlier state; several later states each get their frame', () => {
    const spinner = step(0, list, { at: 100, later: [{ at: 1500, url, title: 'T', tree: withToast }, { at: 3500, url: `${url}?done`, title: 'Done', tree: toastGone }] });
    expect(pairCapture(spinner, 800).index).toBe(0);
    expect(pairCapture(spinner, 2500).index).toBe(1);
    expect(pairCapture(spinner, 3400)).toEqual({ index: 2, state: { url: `${url}?done`, title: 'Done', tree: toastGone } });
  });

  it('in fusion, a frame between two events showing the toast gone gets its own capture and the diff says it changed', () => {
    const steps = [step(0, list, { at: 300 }), click];
    const timeline = [click.event!];
    const frames = fuseFrames({ seedUrl: url, timeline, video: video([0, 1250, 3200]), steps });
    expect(frames.map((f) => f.ariaTree.find((n) => n.role === 'status')?.diffStatus)).toEqual([undefined, 'added', 'changed']);
    expect(frames[2]!.diffSummary).toEqual({ added: 0, changed: 1, removed: 0 });
    // The event's action stays with the frame that reached its step; the later state's frame has none.
    expect(frames.map((f) => f.actions.length)).toEqual([0, 1, 0]);
  });

  it('without later captures two frames of one step share its tree (nothing changes), as before', () => {
    const steps = [step(0, list), step(1000, withToast, { event: click.event! })];
    const frames = fuseFrames({ seedUrl: url, timeline: [click.event!], video: video([0, 1250, 3200]), steps });
    expect(frames[2]!.diffSummary).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});
