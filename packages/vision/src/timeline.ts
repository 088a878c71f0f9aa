import type { FrameAction } from '@claude-scope/contracts';
import { MASK } from '@claude-scope/secrets';
import type { InferredFrame } from './infer.js';

/** A keyframe's inference as the timeline needs it (the lane's InferredFrame, or the VisionFrame stored from it). */
type Inferred = Pick<InferredFrame, 'timestamp' | 'action'> & { submitted?: boolean };

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The session's timeline as the video tells it: each keyframe's action in order, a run of fills into one field
 * kept as its last (one step per field, as with an uploaded timeline).
 */
export function inferredTimeline(frames: readonly Inferred[]): FrameAction[] {
  return oneStepPerField(frames.flatMap(frameActions));
}

/** Enter, about as long after the last character as people take (the testkit's recordings: 100–130 ms). */
const SUBMIT_AFTER_MS = 100;

/** What the user did before one keyframe, as events: its action, then Enter after a value submitted with it. */
export function frameActions(f: Inferred): FrameAction[] {
  const a = f.action;
  if (!a) return [];
  if (!f.submitted || a.type !== 'fill') return [a];
  return [a, { t: Math.min(f.timestamp, a.t + SUBMIT_AFTER_MS), type: 'press', key: 'Enter', source: 'video', confidence: a.confidence }];
}

/**
 * Actions in order, a run of fills into one field kept as its last: each value going on from the one before (typing
 * read mid-word; its last letter or two misread or taken back). A value that does not is the field filled again
 * after it was cleared (a value submitted with Enter, then the next one typed): a step of its own.
 */
export function oneStepPerField(actions: readonly FrameAction[]): FrameAction[] {
  const events: FrameAction[] = [];
  for (const a of actions) {
    const last = events.at(-1);
    if (last?.type === 'fill' && a.type === 'fill' && last.name === a.name && goesOn(last.value, a.value)) events[events.length - 1] = a;
    else events.push(a);
  }
  return events;
}

/** `later` is `earlier` typed on: it starts with all of it but its last two letters (masked values always do). */
function goesOn(earlier: string, later: string): boolean {
  if (earlier === MASK || later === MASK) return earlier === later;
  const [x, y] = [norm(earlier), norm(later)];
  return y.startsWith(x.slice(0, Math.max(0, x.length - 2)));
}
