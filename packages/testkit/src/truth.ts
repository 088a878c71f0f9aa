import { ariaChanges, captureAt, type AriaCapture, type AriaChanges } from './aria-truth.js';
import type { TimelineEvent } from './timeline.js';

export const STEP_KINDS = [
  'navigate', 'type', 'click', 'press', 'modal', 'modal-close', 'toast', 'toast-hide', 'list-grow',
  'validation', 'tab', 'dropdown', 'spinner-done', 'scroll',
  // Issue 14: states 200–300 ms apart (a stepper clicked up, a menu opened and closed), focus moved by Tab,
  // content replacing a skeleton loader, something fading in, a field's text selected before it is typed over.
  'burst', 'focus', 'loaded', 'fade', 'select',
  // A change nobody announced: the generator or the demo app has a bug; checkTruth reports it.
  'other',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A state must stay on screen this long, once settled, to be a step (the rule, see README). */
export const MIN_STATE_MS = 200;

/**
 * One step by the rule (README, "Ground truth"): ideally exactly one keyframe lies in its settled
 * stretch [settledMs, next step's startMs), which is at least MIN_STATE_MS long.
 */
export interface TruthStep {
  /** Timestamp of the first frame that shows the change (for typing: the first character). */
  startMs: number;
  /**
   * Timestamp of the last frame that still changes (animation, spinner, the last typed character);
   * equals startMs for instant changes.
   */
  settledMs: number;
  /** Browser URL at startMs (after redirects). */
  url: string;
  kind: StepKind;
  /** Accessible name of the element involved, when there is one (e.g. the field being typed into). */
  target?: string;
  /**
   * What the step changed in the accessibility tree, from the previous step's settled state to this one's, as
   * named nodes (see aria-truth.ts). Absent on the first step (nothing before it) and where no tree was captured.
   */
  aria?: AriaChanges;
  /**
   * Short texts (names: labels, titles, messages) visible once the step settled that were not before it began,
   * in page order: what appeared or changed. Absent when none did (or in truth files made before it existed).
   */
  appeared?: string[];
}

export interface Truth {
  scenario: string;
  width: number;
  height: number;
  fps: number;
  durationMs: number;
  frameCount: number;
  /** Origin that all URLs below use; rebaseTruth() points them at a running demo app. */
  origin: string;
  steps: TruthStep[];
  /**
   * Pointer-only stretches: the page is still and only the pointer layer changes (the pointer moves or
   * changes shape, a hover highlight comes or goes, the caret blinks). A keyframe here that is not a
   * step's frame is a false positive.
   */
  cursorOnly: { startMs: number; endMs: number }[];
  timeline: TimelineEvent[];
  /**
   * For each element the timeline acts on (by accessible name), the texts the screen shows for it: its own text, its
   * placeholder, a visible label, or for a field with no visible label the visible title of the section it sits in.
   * An accessible name can be one the screen never shows (`aria-label="Increase quantity"` on a "+", a visually
   * hidden "Task name"): a reading of the pixels can name the element only by these. Absent in older truth files.
   */
  shown?: Record<string, string[]>;
}

/** Why the next change happens: an action of the generator or an announcement of the app. */
export interface Label {
  kind: StepKind;
  target?: string;
}

/** What the recorder knows about each frame it encoded. */
export interface FrameRecord {
  t: number;
  /** The page pixels (with the browser chrome, if any) differ from the previous frame's; the pointer layer is not part of them. */
  changed: boolean;
  /** The pointer layer changed: position, shape, hover highlight or caret. */
  cursorMoved: boolean;
  url: string;
  /** Labels raised since the previous frame. */
  labels: Label[];
  /** The page's visible short texts at this frame (see TruthStep.appeared). */
  texts?: readonly string[];
}

/** URLs in truth files use this placeholder origin so they do not depend on the port the app had. */
export const TRUTH_ORIGIN = 'http://demo.test';

/** A label explains changes that appear within this long; later changes are unexplained ('other'). */
const LABEL_TTL_MS = 1000;

export function buildTruth(
  meta: { scenario: string; width: number; height: number; fps: number; origin: string },
  frames: FrameRecord[],
  timeline: TimelineEvent[],
  captures: readonly AriaCapture[] = [],
  shown: Record<string, string[]> = {},
): Truth {
  const durationMs = Math.round((frames.length * 1000) / meta.fps);
  const steps = withAriaChanges(byTheRule(pixelChanges(frames), durationMs), captures);
  const rebase = (u: string) => (u.startsWith(meta.origin) ? TRUTH_ORIGIN + u.slice(meta.origin.length) : u);
  return {
    scenario: meta.scenario,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    durationMs,
    frameCount: frames.length,
    origin: TRUTH_ORIGIN,
    steps: withAppeared(steps, frames).map((s) => ({ ...s, url: rebase(s.url) })),
    cursorOnly: pointerOnly(frames, steps),
    timeline: timeline.map((e) => (e.type === 'navigate' ? { ...e, url: rebase(e.url) } : e)),
    shown,
  };
}

/** Each step with the texts visible at its settled frame that were not visible just before it began. */
function withAppeared(steps: readonly TruthStep[], frames: readonly FrameRecord[]): TruthStep[] {
  const textsAt = (t: number) => {
    let found: readonly string[] = [];
    for (const f of frames) {
      if (f.t > t) break;
      found = f.texts ?? found;
    }
    return found;
  };
  return steps.map((s) => {
    const before = new Set(textsAt(s.startMs - 1));
    const appeared = [...new Set(textsAt(s.settledMs))].filter((x) => !before.has(x));
    return appeared.length ? { ...s, appeared } : { ...s };
  });
}

/**
 * Every change of the page's pixels, labelled by what announced it; consecutive changing frames
 * (an animation, a spinner) are one change that settles at its last frame.
 */
export function pixelChanges(frames: FrameRecord[]): TruthStep[] {
  const steps: TruthStep[] = [];
  let pending: (Label & { at: number }) | null = null;
  let prev: FrameRecord | undefined;
  for (const f of frames) {
    const label = f.labels.at(-1);
    if (label) pending = { ...label, at: f.t };
    if (pending && f.t - pending.at > LABEL_TTL_MS) pending = null;
    const last = steps.at(-1);
    if (f.changed && pending) {
      steps.push({ startMs: f.t, settledMs: f.t, url: f.url, kind: pending.kind, ...(pending.target ? { target: pending.target } : {}) });
      pending = null;
    } else if (f.changed && last && prev?.changed) last.settledMs = f.t; // the same change still animating
    else if (f.changed) steps.push({ startMs: f.t, settledMs: f.t, url: f.url, kind: 'other' });
    prev = f;
  }
  return steps;
}

/**
 * The rule: a run of typed characters in one field is one step, settled at its last character; then
 * every state that stays on screen (settled) for less than MIN_STATE_MS is not a step: its change
 * becomes the start of the next step (what the viewer sees is a transition), or nothing at the end.
 */
export function byTheRule(changes: readonly TruthStep[], durationMs: number): TruthStep[] {
  const typed: TruthStep[] = [];
  for (const c of changes) {
    const last = typed.at(-1);
    if (last && c.kind === 'type' && last.kind === 'type' && c.target === last.target) last.settledMs = c.settledMs;
    else typed.push({ ...c });
  }
  const steps: TruthStep[] = [];
  let carried: number | null = null;
  typed.forEach((s, i) => {
    const startMs = carried ?? s.startMs;
    carried = null;
    if ((typed[i + 1]?.startMs ?? durationMs) - s.settledMs < MIN_STATE_MS) carried = startMs;
    else steps.push({ ...s, startMs });
  });
  return steps;
}

/** Each step's ARIA changes: the tree at its settled frame against the tree at the previous step's. */
export function withAriaChanges(steps: TruthStep[], captures: readonly AriaCapture[]): TruthStep[] {
  return steps.map((s, i) => {
    const before = i > 0 ? captureAt(captures, steps[i - 1]!.settledMs) : undefined;
    const after = captureAt(captures, s.settledMs);
    return before && after ? { ...s, aria: ariaChanges(before, after) } : s;
  });
}

/** Frames where only the pointer layer changed, outside every step's [startMs, settledMs], as stretches. */
function pointerOnly(frames: FrameRecord[], steps: readonly TruthStep[]): Truth['cursorOnly'] {
  const spans: Truth['cursorOnly'] = [];
  let k = 0;
  let prevT = -1;
  for (const f of frames) {
    while (k < steps.length && steps[k]!.settledMs < f.t) k++;
    const inStep = k < steps.length && steps[k]!.startMs <= f.t;
    if (!f.changed && f.cursorMoved && !inStep) {
      const span = spans.at(-1);
      if (span && span.endMs === prevT) span.endMs = f.t;
      else spans.push({ startMs: f.t, endMs: f.t });
    }
    prevT = f.t;
  }
  return spans;
}

/** Points every URL at `origin` (e.g. the url of startDemoApp()) so the timeline can be replayed. */
export function rebaseTruth(truth: Truth, origin: string): Truth {
  const base = origin.replace(/\/+$/, '');
  const move = (u: string) => (u.startsWith(truth.origin) ? base + u.slice(truth.origin.length) : u);
  return {
    ...truth,
    origin: base,
    steps: truth.steps.map((s) => ({ ...s, url: move(s.url) })),
    timeline: truth.timeline.map((e) => (e.type === 'navigate' ? { ...e, url: move(e.url) } : e)),
  };
}

/** Internal consistency of a truth file; returns the problems found (empty when fine). */
export function checkTruth(truth: Truth): string[] {
  const problems: string[] = [];
  const inRange = (t: number) => Number.isInteger(t) && t >= 0 && t <= truth.durationMs;
  truth.steps.forEach((s, i) => {
    const next = truth.steps[i + 1];
    if (!inRange(s.startMs) || !inRange(s.settledMs)) problems.push(`step ${i}: time outside the video`);
    if (s.settledMs < s.startMs) problems.push(`step ${i}: settledMs < startMs`);
    if (next && next.startMs <= s.settledMs) problems.push(`step ${i}: overlaps step ${i + 1}`);
    if (!(STEP_KINDS as readonly string[]).includes(s.kind) || s.kind === 'other') problems.push(`step ${i}: unexplained change (kind ${s.kind}) at ${s.startMs} ms`);
    if (!s.url.startsWith(truth.origin)) problems.push(`step ${i}: url ${s.url} is not under ${truth.origin}`);
  });
  truth.cursorOnly.forEach((c, i) => {
    const next = truth.cursorOnly[i + 1];
    if (!inRange(c.startMs) || !inRange(c.endMs) || c.endMs < c.startMs) problems.push(`cursorOnly ${i}: bad interval`);
    if (next && next.startMs <= c.endMs) problems.push(`cursorOnly ${i}: overlaps the next interval`);
    if (truth.steps.some((s) => c.startMs <= s.settledMs && s.startMs <= c.endMs)) problems.push(`cursorOnly ${i}: overlaps a step`);
  });
  truth.timeline.forEach((e, i) => {
    const prev = truth.timeline[i - 1];
    if (!inRange(e.t)) problems.push(`timeline ${i}: t ${e.t} outside the video`);
    if (prev && e.t < prev.t) problems.push(`timeline ${i}: t decreases`);
    if (e.type === 'navigate' && !/^https?:\/\//.test(e.url)) problems.push(`timeline ${i}: url is not absolute http(s)`);
    if ((e.type === 'click' || e.type === 'fill') && (!e.role || typeof e.name !== 'string')) problems.push(`timeline ${i}: missing role/name`);
  });
  return problems;
}
