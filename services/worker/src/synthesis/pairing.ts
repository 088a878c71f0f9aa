import type { AriaNode } from '@claude-scope/contracts';
import type { PlaywrightStep } from '@claude-scope/pipeline';

/** One state of the page the Playwright lane captured: what a video frame is paired with. */
export interface PageState {
  url: string;
  title: string;
  tree: AriaNode[];
}

/**
 * Pure: which of a step's captures a video frame shows, the frame coming `offsetMs` after the step's event (the
 * frame's timestamp, when the video shows the state settled, minus the event's time on the timeline). The step's
 * own capture and its later ones (a toast hiding on its own: `PlaywrightStep.later`) each have the moment their
 * state settled, counted from the event in the replay; the frame gets the one whose moment is nearest its own
 * (a tie: the earlier). Without later captures, or their moments, it is the step's capture, as before.
 * Returns the capture's index too: 0 the step's own, i the i-th later one.
 */
export function pairCapture(step: PlaywrightStep, offsetMs: number): { index: number; state: PageState } {
  const own = { url: step.url, title: step.title, tree: step.tree };
  if (!step.later?.length) return { index: 0, state: own };
  const moments = [step.at ?? 0, ...step.later.map((c) => c.at)];
  let index = 0;
  for (let i = 1; i < moments.length; i++) if (Math.abs(moments[i]! - offsetMs) < Math.abs(moments[index]! - offsetMs)) index = i;
  const chosen = index === 0 ? own : step.later[index - 1]!;
  return { index, state: { url: chosen.url, title: chosen.title, tree: chosen.tree } };
}
