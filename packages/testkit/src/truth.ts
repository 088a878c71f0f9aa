import type { TimelineEvent } from './timeline.js';

export const STEP_KINDS = [
  'navigate', 'type', 'click', 'press', 'modal', 'modal-close', 'toast', 'toast-hide', 'list-grow',
  'validation', 'tab', 'dropdown', 'spinner-done', 'scroll',
  // A change nobody announced: the generator or the demo app has a bug; checkTruth reports it.
  'other',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** One distinct UI state: ideally exactly one keyframe lies in [settledMs, next step's startMs). */
export interface TruthStep {
  /** Timestamp of the first frame that shows the change. */
  startMs: number;
  /** Timestamp of the last frame that still changes (animation, spinner); equals startMs for instant changes. */
  settledMs: number;
  /** Browser URL at startMs (after redirects). */
  url: string;
  kind: StepKind;
  /** Accessible name of the element involved, when there is one (e.g. the field being typed into). */
  target?: string;
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
  /** Stretches where only the cursor moves: a keyframe picked here is a false positive. */
  cursorOnly: { startMs: number; endMs: number }[];
  timeline: TimelineEvent[];
}

/** Why the next change happens: an action of the generator or an announcement of the app. */
export interface Label {
  kind: StepKind;
  target?: string;
}

/** What the recorder knows about each frame it encoded. */
export interface FrameRecord {
  t: number;
  /** The page pixels differ from the previous frame's (the cursor is not part of them). */
  changed: boolean;
  cursorMoved: boolean;
  url: string;
  /** Labels raised since the previous frame. */
  labels: Label[];
}

/** URLs in truth files use this placeholder origin so they do not depend on the port the app had. */
export const TRUTH_ORIGIN = 'http://demo.test';

/** A label explains changes that appear within this long; later changes are unexplained ('other'). */
const LABEL_TTL_MS = 1000;

export function buildTruth(
  meta: { scenario: string; width: number; height: number; fps: number; origin: string },
  frames: FrameRecord[],
  timeline: TimelineEvent[],
): Truth {
  const steps: TruthStep[] = [];
  const cursorOnly: Truth['cursorOnly'] = [];
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
    else if (f.cursorMoved) {
      const span = cursorOnly.at(-1);
      if (span && prev && !prev.changed && prev.cursorMoved && span.endMs === prev.t) span.endMs = f.t;
      else cursorOnly.push({ startMs: f.t, endMs: f.t });
    }
    prev = f;
  }
  const rebase = (u: string) => (u.startsWith(meta.origin) ? TRUTH_ORIGIN + u.slice(meta.origin.length) : u);
  return {
    scenario: meta.scenario,
    width: meta.width,
    height: meta.height,
    fps: meta.fps,
    durationMs: Math.round((frames.length * 1000) / meta.fps),
    frameCount: frames.length,
    origin: TRUTH_ORIGIN,
    steps: steps.map((s) => ({ ...s, url: rebase(s.url) })),
    cursorOnly,
    timeline: timeline.map((e) => (e.type === 'navigate' ? { ...e, url: rebase(e.url) } : e)),
  };
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
