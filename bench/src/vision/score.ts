import type { Truth } from '@claude-scope/testkit';
import { inferredTimeline, type InferredFrame } from '@claude-scope/vision';

export interface Tally {
  hit: number;
  of: number;
}

export interface VisionScore {
  /**
   * Timeline clicks and fills whose target an inferred action names (anywhere in the recording): by its accessible
   * name or by a text the screen shows for it (Truth.shown: "What needs doing?" or "New task" for a field whose
   * label "Task name" is visually hidden; "+" for a button labelled "Increase quantity").
   */
  acted: Tally;
  /**
   * The same, counted only when the naming action is within IN_TIME_MS of the event: `acted` also credits a name
   * read off a wrong frame (a hover) or another step that happens to match (a click "Profile" for "Save profile").
   */
  actedInTime: Tally;
  /**
   * Precision of the inferred actions: the clicks and fills the lane inferred (one step per field), counted as hit
   * when they name a timeline click or fill within IN_TIME_MS of it. An action naming nothing the user did (the
   * page answering read as a click, a toast's text read as typing) is one an agent would replay.
   */
  grounded: Tally;
  /** Fills of readable (non-secret) text whose value an inferred fill carries. */
  typed: Tally;
  /**
   * Names that appeared or changed in a step on the same page (truth: the page's visible short texts after the
   * step that were not there before, at most PER_STEP of them in page order) that a change sentence of one of
   * the step's keyframes quotes.
   */
  appeared: Tally;
  /** URLs the user was at (navigations), where the recording shows an address bar, that some frame reads. */
  urls: Tally;
  missed: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
/** An inferred name `n` (normalized) names a target: equal, or one holds the other (OCR splits and joins lines). */
const namesTarget = (n: string, target: string) => n === norm(target) || (n.length >= 3 && (n.includes(norm(target)) || norm(target).includes(n)));
/** A step that swaps a whole view would otherwise outweigh the rest: its first names in page order count. */
const PER_STEP = 8;
const SECRET = /password|passcode|pin|secret|token|card|cvc/i;
/** How far (ms) an inferred action's time may be from the event it names, for `actedInTime`. */
export const IN_TIME_MS = 1500;

/**
 * Whether an inferred name names a timeline event's target: by its accessible name, or by a text the screen shows for
 * it (pixels can show no other: Truth.shown). The one rule for `acted` (here and bench:vision:reachable).
 */
export function namesEventOf(truth: Truth): (name: string, target: string) => boolean {
  return (name, target) => [target, ...(truth.shown?.[target] ?? [])].some((x) => namesTarget(norm(name), x));
}

/** Scores the vision lane's reading of a recording against its ground-truth timeline. */
export function scoreVision(truth: Truth, frames: readonly InferredFrame[], addressBar: boolean): VisionScore {
  const actions = inferredTimeline(frames);
  const namesEvent = namesEventOf(truth);
  const named = actions.flatMap((a) => ('name' in a ? [{ n: norm(a.name), t: a.t }] : []));
  const values = actions.flatMap((a) => (a.type === 'fill' ? [norm(a.value)] : []));
  const urls = new Set(frames.flatMap((f) => (f.url ? [f.url.replace(/\/$/, '')] : [])));
  const s: VisionScore = { acted: { hit: 0, of: 0 }, actedInTime: { hit: 0, of: 0 }, grounded: { hit: 0, of: 0 }, typed: { hit: 0, of: 0 }, appeared: { hit: 0, of: 0 }, urls: { hit: 0, of: 0 }, missed: [] };
  for (const e of truth.timeline) {
    if (e.type === 'click' || e.type === 'fill') {
      s.acted.of++;
      s.actedInTime.of++;
      const names = named.filter(({ n }) => namesEvent(n, e.name));
      if (names.length > 0) s.acted.hit++;
      else s.missed.push(`${e.type} "${e.name}"`);
      if (names.some(({ t }) => Math.abs(t - e.t) <= IN_TIME_MS)) s.actedInTime.hit++;
      else if (names.length > 0) s.missed.push(`${e.type} "${e.name}" in time`);
    }
    if (e.type === 'fill' && !SECRET.test(e.name)) {
      s.typed.of++;
      if (values.some((v) => v === norm(e.value))) s.typed.hit++;
      else s.missed.push(`typed "${e.value}"`);
    }
  }
  const events = truth.timeline.flatMap((e) => (e.type === 'click' || e.type === 'fill' ? [e] : []));
  for (const a of named) {
    s.grounded.of++;
    if (events.some((e) => namesEvent(a.n, e.name) && Math.abs(a.t - e.t) <= IN_TIME_MS)) s.grounded.hit++;
    else s.missed.push(`extra action "${a.n}" at ${a.t}`);
  }
  scoreAppeared(truth, frames, s);
  if (addressBar) {
    const visited = new Set([truth.steps[0]?.url, ...truth.steps.map((st) => st.url)].filter((u): u is string => !!u).map((u) => u.replace(/\/$/, '')));
    for (const u of visited) {
      s.urls.of++;
      if (urls.has(u)) s.urls.hit++;
      else s.missed.push(`url ${u}`);
    }
  }
  return s;
}

/**
 * Each step after the first whose URL stayed (a new page is the URL's score): the names that appeared, counted
 * as named when a change sentence of a keyframe in the step's stretch [its start, the next step's start) quotes
 * them (or quotes most of them: OCR splits a line differently than the page's elements).
 */
function scoreAppeared(truth: Truth, frames: readonly InferredFrame[], s: VisionScore): void {
  truth.steps.forEach((step, i) => {
    const prev = truth.steps[i - 1];
    if (!prev || prev.url !== step.url || step.kind === 'navigate' || !step.appeared) return;
    const end = truth.steps[i + 1]?.startMs ?? Infinity;
    // What the sentences say is there now: not what disappeared, and of "before" → "after" the after.
    const said = frames
      .filter((f) => f.timestamp >= step.startMs && f.timestamp < end)
      .flatMap((f) => f.changes.map(norm))
      .filter((x) => !/ disappeared /.test(x))
      .map((x) => x.split(' → ').at(-1)!);
    const quoted = said.flatMap((x) => [...x.matchAll(/"([^"]+)"/g)].map((m) => m[1]!));
    for (const name of step.appeared.slice(0, PER_STEP)) {
      const n = norm(name);
      s.appeared.of++;
      if (said.some((x) => x.includes(n)) || quoted.some((q) => q.length >= 4 && n.includes(q) && q.length >= 0.6 * n.length)) s.appeared.hit++;
      else s.missed.push(`appeared "${name}"`);
    }
  });
}
