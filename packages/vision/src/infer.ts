import type { FrameAction } from '@claude-scope/contracts';
import { isSecretField, maskScreenText, MASK } from '@claude-scope/secrets';
import { findChrome, titleAbove, urlFromText, type BrowserChrome } from './chrome.js';
import { area, distanceTo, grow, intersection, mostlyInside, placeOf, type Box } from './geometry.js';
import { looksLikeDots, samePlace, toLines, type Line, type Word } from './lines.js';
import { ScreenText } from './screen.js';

/** One keyframe as the vision lane saw it. */
export interface KeyframeReading {
  timestamp: number;
  /** The earliest frame already showing this keyframe's state (the change began before it); default timestamp. */
  fromMs?: number;
  /** Where it differs from the previous keyframe (frame pixels); ignored for the first. */
  regions: Box[];
  /** Words read on it: in `areas`, or the whole frame when `areas` is null. */
  words: Word[];
  areas: Box[] | null;
}

export interface Scene {
  width: number;
  height: number;
  /** Where the pointer moved (frame pixels, its box's centre); empty when the recording draws none. */
  pointer: readonly { t: number; x: number; y: number }[];
  seedUrl?: string;
}

/** What the lane says about one keyframe. */
export interface InferredFrame {
  timestamp: number;
  /** Where this keyframe differs from the previous one (frame pixels; the pointer's own moves left out). */
  regions: Box[];
  changes: string[];
  action: FrameAction | null;
  url?: string;
  pageTitle?: string;
}

const MAX_CHANGES = 12;
const MAX_QUOTE = 120;
/** A pointer this close to a label (px) when the change began was on it. */
const POINTER_REACH = 30;
/** A changed part of the screen smaller than this share of it is a control, not a view. */
const SMALL_REGION = 0.03;
/** A changed region this small (share of the screen) can be a field being typed into. */
const FIELD_REGION = 0.06;
/** A line worth naming: a caret or an I-beam pointer read as "I" or "|" is not; a digit (a counter) is. */
const isWordy = (text: string) => text.trim().length > 1 || /\d/.test(text);

interface Pair {
  before: Line;
  after: Line;
}

interface Delta {
  appeared: Line[];
  disappeared: Line[];
  changed: Pair[];
  /** Lines whose text stayed but whose pixels changed: a pressed, focused or hovered control. */
  restyled: Line[];
}

/**
 * Reads a session's keyframes in order, one at a time (the lane plans each keyframe's reading from what it
 * learnt so far, e.g. where the address bar is). Pure: the lane's I/O reads the frames and the words.
 */
export class Inferrer {
  private readonly screen = new ScreenText();
  private chromeFound: BrowserChrome | null = null;
  private url: string | undefined;
  private pageTitle: string | undefined;
  private prevTs = -Infinity;
  private count = 0;

  constructor(private readonly scene: Scene) {}

  /** The browser's address bar, once a full reading found one. */
  get chrome(): BrowserChrome | null {
    return this.chromeFound;
  }

  push(r: KeyframeReading): InferredFrame {
    const { scene } = this;
    const first = this.count++ === 0;
    const before = toLines(this.screen.current);
    this.screen.apply(r.words, first || r.areas === null ? null : r.regions);
    const after = toLines(this.screen.current);
    if (first || r.areas === null) this.chromeFound = findChrome(after, scene, scene.seedUrl) ?? this.chromeFound;
    const chrome = this.chromeFound;
    const page = (l: Line) => !chrome || intersection(l.box, chrome.addressBar) === 0;
    const prevUrl = this.url;
    if (chrome) {
      const bar = after.find((l) => samePlace(l.box, chrome.addressBar));
      this.url = (bar && urlFromText(bar.text, scene.seedUrl)) ?? this.url;
      this.pageTitle = titleAbove(after, chrome) ?? this.pageTitle;
    }
    const where = { ...(this.url ? { url: this.url } : {}), ...(this.pageTitle ? { pageTitle: mask(this.pageTitle) } : {}) };
    const prevTs = this.prevTs;
    this.prevTs = r.timestamp;
    if (first) return { timestamp: r.timestamp, regions: [], changes: [], action: null, ...where };

    const regions = r.regions.map((b) => grow(b, 4, scene));
    const [b, a] = [before.filter(page), after.filter(page)];
    const delta = compare(b, a, regions);
    const newUrl = this.url !== prevUrl ? this.url : undefined;
    // Surest evidence first: text growing in a field, then the pointer (or a pressed control), then the weaker
    // signs of typing (a placeholder replaced, a short value appearing under a label).
    // Typing happens in a field: a small part of the screen, on the same page.
    const fieldSized = (l: Line) => regions.some((g) => mostlyInside(l.box, g) && area(g) <= FIELD_REGION * scene.width * scene.height);
    const typed = newUrl ? { ...delta, changed: [], appeared: [] } : { ...delta, changed: delta.changed.filter((p) => fieldSized(p.after)), appeared: delta.appeared.filter(fieldSized) };
    const action =
      typing(typed, before, r.timestamp, 'strong') ??
      click(b, scene, prevTs, r, delta) ??
      (r.areas !== null ? typing(typed, before, r.timestamp, 'weak') : null) ??
      scrolled(b, a, scene, r.timestamp) ??
      (newUrl ? ({ t: r.timestamp, type: 'navigate', url: newUrl, source: 'video', confidence: 0.8 } as FrameAction) : null);
    return { timestamp: r.timestamp, regions: r.regions, changes: describe(delta, regions, scene, newUrl), action, ...where };
  }
}

/** All keyframes at once (see Inferrer). */
export function inferFrames(readings: readonly KeyframeReading[], scene: Scene): InferredFrame[] {
  const inferrer = new Inferrer(scene);
  return readings.map((r) => inferrer.push(r));
}

/**
 * Lines inside the changed regions, before and after, paired: first by their text (a line that moved — a list
 * grew above it, the page scrolled — or only changed its look), then by place (its text changed); the rest
 * appeared or disappeared.
 */
export function compare(before: readonly Line[], after: readonly Line[], regions: readonly Box[]): Delta {
  const inside = (l: Line) => isWordy(l.text) && regions.some((g) => mostlyInside(l.box, g));
  const b = before.filter(inside);
  const a = after.filter(inside);
  const used = new Set<Line>();
  const paired = new Set<Line>();
  const delta: Delta = { appeared: [], disappeared: [], changed: [], restyled: [] };
  for (const l of a) {
    let match: Line | undefined;
    let best = Infinity;
    for (const x of b) {
      if (used.has(x) || !sameText(x.text, l.text)) continue;
      const d = Math.abs(x.box.y - l.box.y) + Math.abs(x.box.x - l.box.x);
      if (d < best) [match, best] = [x, d];
    }
    if (!match) continue;
    used.add(match);
    paired.add(l);
    if (samePlace(match.box, l.box)) delta.restyled.push(l);
  }
  for (const l of a) {
    if (paired.has(l)) continue;
    const match = b.find((x) => !used.has(x) && samePlace(x.box, l.box));
    if (!match) {
      delta.appeared.push(l);
      continue;
    }
    used.add(match);
    delta.changed.push({ before: match, after: l });
  }
  delta.disappeared = b.filter((x) => !used.has(x));
  return delta;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const mask = (s: string) => maskScreenText(s);
const quote = (s: string) => `"${mask(s).slice(0, MAX_QUOTE)}"`;
const isBullets = (s: string) => looksLikeDots(s);
/**
 * The same text read twice: equal, or one a misread of the other (a letter lost at an edge: "assword" and
 * "Password"). Such a pair is the control restyled, not its text changed.
 */
function sameText(a: string, b: string): boolean {
  const [x, y] = [norm(a), norm(b)];
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.length - short.length <= 2 && long.includes(short);
}
/** Only digits differ: a counter, a badge, a quantity — the page answering, not the user typing. */
const digitsOnly = (a: string, b: string) => a.replace(/\d+/g, '#') === b.replace(/\d+/g, '#');

/** A field's label: the nearest short line left of it on its row, or just above it. */
function labelOf(field: Box, lines: readonly Line[]): string | undefined {
  const candidates = lines.filter((l) => {
    const short = l.text.length <= 40 && l.text.split(/\s+/).length <= 5;
    const left = Math.abs(l.box.y - field.y) <= field.h && l.box.x + l.box.w <= field.x + 2 && field.x - (l.box.x + l.box.w) <= 200;
    const above = l.box.y + l.box.h <= field.y + 2 && field.y - (l.box.y + l.box.h) <= 45 && Math.abs(l.box.x - field.x) <= 60;
    return short && (left || above);
  });
  candidates.sort((p, q) => distanceTo(p.box, field) - distanceTo(q.box, field));
  return candidates[0]?.text.replace(/[:*]+$/, '').trim() || undefined;
}

/** Text growing in one place (or a placeholder replaced, or dots appearing): the user typed into a field. */
function typing(d: Delta, before: readonly Line[], t: number, evidence: 'strong' | 'weak'): FrameAction | null {
  const fill = (field: Box, value: string, confidence: number): FrameAction => {
    const name = labelOf(field, before) ?? '';
    const secret = isBullets(value) || isSecretField(name);
    return { t, type: 'fill', role: 'textbox', name: mask(name), value: secret ? MASK : mask(value), source: 'video', confidence };
  };
  for (const p of d.changed) {
    const [a, b] = [norm(p.before.text), norm(p.after.text)];
    // Growing text; the caret beside its first letter is often read as part of it ("pda@" then "ada@example.com").
    if (b.length > a.length && (b.startsWith(a) || (a.length >= 3 && b.startsWith(a.slice(1), 1)))) return fill(p.after.box, p.after.text, 0.8);
    if (isBullets(p.after.text)) return fill(p.after.box, p.after.text, 0.75);
  }
  for (const l of d.appeared) {
    if (isBullets(l.text)) return fill(l.box, l.text, 0.7);
  }
  if (evidence === 'strong') return null;
  for (const p of d.changed) {
    // A placeholder replaced by what was typed (not a counter ticking).
    if (!digitsOnly(p.before.text, p.after.text) && p.after.box.h <= 40 && labelOf(p.after.box, before)) return fill(p.after.box, p.after.text, 0.5);
  }
  const short = d.appeared.filter((l) => l.box.h <= 40 && l.text.split(/\s+/).length <= 3 && labelOf(l.box, before));
  if (short.length === 1 && !d.changed.length) return fill(short[0]!.box, short[0]!.text, 0.45);
  return null;
}

/**
 * A click: the pointer at rest on a label when the change began; without a pointer, the one small control whose
 * look changed while its text stayed (pressed, focused) beside a bigger change.
 */
function click(before: readonly Line[], scene: Scene, prevTs: number, r: KeyframeReading, d: Delta): FrameAction | null {
  const t = r.timestamp;
  const rest = restBefore(scene.pointer, r.fromMs ?? t);
  if (rest) {
    // A tracker can lose the pointer as it changes shape over a control (arrow → hand): where it was heading
    // counts too, a little less surely.
    const points = [
      { x: rest.x, y: rest.y, sure: 1 },
      { x: rest.x + rest.vx * 0.5, y: rest.y + rest.vy * 0.5, sure: 0.85 },
      { x: rest.x + rest.vx, y: rest.y + rest.vy, sure: 0.75 },
    ];
    let best: { line: Line; dist: number; sure: number } | undefined;
    for (const p of points) {
      for (const l of before) {
        // A control's label, not a sentence of the page (a hint or an error under a field).
        if (!isWordy(l.text) || l.text.split(/\s+/).length > MAX_LABEL_WORDS) continue;
        const dist = distanceTo(l.box, p);
        if (dist <= POINTER_REACH && (!best || dist - 8 * p.sure < best.dist - 8 * best.sure)) best = { line: l, dist, sure: p.sure };
      }
    }
    // Over a control with a hover style the tracker loses the pointer short of it: the one small label near where
    // it was heading whose look changed (hovered, pressed, opened) or that OCR lost in its new look.
    if (!best) {
      const near = [...d.restyled, ...d.disappeared].filter(
        (l) => isWordy(l.text) && area(l.box) < SMALL_REGION * scene.width * scene.height && points.some((p) => distanceTo(l.box, p) <= 3 * POINTER_REACH),
      );
      if (near.length === 1) best = { line: near[0]!, dist: 1, sure: 0.8 };
    }
    if (best) {
      // A pointer that has not moved since the previous state may still have clicked (a stepper clicked again), less surely.
      const stale = rest.t <= prevTs ? 0.2 : 0;
      const confidence = Math.max(0.1, (best.dist === 0 ? 0.75 : 0.55) * best.sure - stale);
      return { t: Math.min(t, Math.max(rest.t, prevTs + 1)), type: 'click', role: roleOf(best.line.text), name: mask(best.line.text), source: 'video', confidence: round(confidence) };
    }
  }
  // A recording that draws a pointer shows clicks by it; there, a restyled label is the pointer passing over it.
  if (scene.pointer.length > 0) return null;
  const frameArea = scene.width * scene.height;
  const pressed = d.restyled.filter((l) => area(l.box) < SMALL_REGION * frameArea && isWordy(l.text));
  if (pressed.length === 1 && (d.appeared.length > 0 || d.disappeared.length > 0 || d.changed.length > 0)) {
    const l = pressed[0]!;
    return { t, type: 'click', role: roleOf(l.text), name: mask(l.text), source: 'video', confidence: 0.4 };
  }
  return null;
}

/** Labels of buttons, links, tabs and menu items rarely run longer. */
const MAX_LABEL_WORDS = 5;
/** The pointer pauses this long (no move) where it clicks. */
const PAUSE_MS = 150;
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Where the pointer last came to rest at or before `until`: the latest sample followed by a pause (or by nothing),
 * with the move that brought it there (per sample) for extrapolation.
 */
function restBefore(track: Scene['pointer'], until: number): { t: number; x: number; y: number; vx: number; vy: number } | undefined {
  let found: number | undefined;
  for (let i = 0; i < track.length && track[i]!.t <= until; i++) {
    const next = track[i + 1];
    if (!next || next.t - track[i]!.t >= PAUSE_MS || next.t > until) found = i;
  }
  if (found === undefined) return undefined;
  const p = track[found]!;
  const q = track[found - 1];
  const moved = q && p.t - q.t <= 2 * PAUSE_MS;
  return { ...p, vx: moved ? p.x - q.x : 0, vy: moved ? p.y - q.y : 0 };
}

/** Links read as addresses or sentences; anything short is a button (the replay falls back to the text). */
const roleOf = (text: string) => (urlFromText(text) || text.split(/\s+/).length > 4 ? 'link' : 'button');

/** Content shifted as a whole: the same lines, all moved by about the same height. */
function scrolled(before: readonly Line[], after: readonly Line[], scene: Scene, t: number): FrameAction | null {
  const shifts: number[] = [];
  for (const a of after) {
    const same = before.filter((b) => norm(b.text) === norm(a.text) && norm(a.text).length >= 3);
    if (same.length !== 1) continue;
    const b = same[0]!;
    if (Math.abs(b.box.x - a.box.x) <= 3 && Math.abs(b.box.y - a.box.y) > 8) shifts.push(a.box.y - b.box.y);
  }
  if (shifts.length < 3) return null;
  shifts.sort((x, y) => x - y);
  const median = shifts[shifts.length >> 1]!;
  const agree = shifts.filter((s) => Math.abs(s - median) <= 4).length;
  if (agree < 3 || agree < 0.6 * shifts.length || Math.abs(median) > scene.height) return null;
  // Content moving up (negative shift) is a scroll down.
  return { t, type: 'scroll', dy: -median, source: 'video', confidence: 0.7 };
}

/** The changes in sentences, masked, most telling first: text that changed, appeared, disappeared. */
function describe(d: Delta, regions: readonly Box[], scene: Scene, newUrl?: string): string[] {
  const out: string[] = [];
  if (newUrl) out.push(`the address bar shows ${newUrl}`);
  for (const p of d.changed) {
    out.push(isBullets(p.after.text) ? `a password field was filled ${placeOf(p.after.box, scene)}` : `${quote(p.before.text)} → ${quote(p.after.text)} ${placeOf(p.after.box, scene)}`);
  }
  const frameArea = scene.width * scene.height;
  const overlay = regions.find((g) => area(g) >= 0.08 * frameArea && area(g) <= 0.7 * frameArea && d.appeared.filter((l) => mostlyInside(l.box, g)).length >= 2);
  if (overlay) {
    const first = d.appeared.find((l) => mostlyInside(l.box, overlay))!;
    out.push(`a panel appeared ${placeOf(overlay, scene)} (a dialog, menu or popover) starting with ${quote(first.text)}`);
  }
  for (const l of d.appeared) out.push(isBullets(l.text) ? `a password field was filled ${placeOf(l.box, scene)}` : `text ${quote(l.text)} appeared ${placeOf(l.box, scene)}`);
  for (const l of d.disappeared) out.push(`text ${quote(l.text)} disappeared ${placeOf(l.box, scene)}`);
  if (out.length === 0 && regions.length > 0) {
    const biggest = regions.reduce((a, b) => (area(b) > area(a) ? b : a));
    out.push(`the screen changed ${placeOf(biggest, scene)} (no text there changed)`);
  }
  if (out.length > MAX_CHANGES) return [...out.slice(0, MAX_CHANGES - 1), `… and ${out.length - MAX_CHANGES + 1} more changes`];
  return out;
}

/**
 * The session's timeline as the video tells it: each keyframe's action in order, a run of fills into one field
 * kept as its last (one step per field, as with an uploaded timeline).
 */
export function inferredTimeline(frames: readonly InferredFrame[]): FrameAction[] {
  return oneStepPerField(frames.flatMap((f) => (f.action ? [f.action] : [])));
}

/** Actions in order, a run of fills into one field kept as its last. */
export function oneStepPerField(actions: readonly FrameAction[]): FrameAction[] {
  const events: FrameAction[] = [];
  for (const a of actions) {
    const last = events.at(-1);
    if (last?.type === 'fill' && a.type === 'fill' && last.name === a.name) events[events.length - 1] = a;
    else events.push(a);
  }
  return events;
}
