import type { FrameAction } from '@claude-scope/contracts';
import { maskScreenText, MASK } from '@claude-scope/secrets';
import { findChrome, titleAbove, urlFromText, type BrowserChrome } from './chrome.js';
import { area, grow, intersection, mostlyInside, type Box } from './geometry.js';
import { samePlace, toLines, type Line, type Word } from './lines.js';
import { ScreenText } from './screen.js';
import { cleanLabel, cleanValue, FieldValues, misread, sameText } from './fields.js';
import { click, pointerLost, restBefore } from './click.js';
import { chosenOption, menuDismissed, menuOptions, selectLabel } from './menus.js';
import { FIELD_REGION, isBusy, isWordy, labelOf, rowOf, viewSwapped, type Delta, type Found, type Pair } from './evidence.js';
import { cameBack, describeChanges } from './sentences.js';
import { fillValue, typing } from './typing.js';
import { typedValue, type TypedReading } from './typed.js';
import { compare, scrolled } from './delta.js';

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
  /** Text typed before this keyframe that it no longer shows, read off a frame the video lane kept for it. */
  typed?: TypedReading;
  /**
   * This keyframe shows the previous one's state come back: another state showed from `fromMs` to `untilMs`
   * without ever holding still (the video lane's Keyframe.returned), so no keyframe shows it; where it differed.
   */
  returned?: Returned;
}

/** See KeyframeReading.returned; `box`: where the state in between differed from this keyframe (frame pixels). */
export interface Returned {
  fromMs: number;
  untilMs: number;
  box: Box;
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
  /**
   * The action is a value typed and then submitted (Enter): only a frame between keyframes showed it, and the field
   * shows it no more (KeyframeReading.typed).
   */
  submitted?: true;
  url?: string;
  pageTitle?: string;
}

const MAX_HISTORY = 600;
/** A menu left open this many keyframes is no longer the one an option is chosen from. */
const OPENED_KEYFRAMES = 3;
/** A typed frame may be from before the last character or two (≤ 250 ms): a pointer resting since then clicked nothing after. */
const CLICK_AFTER_TYPED_MS = 300;
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
  /** Every line read so far, the latest at each place: a field's label that OCR lost on one crop still names it. */
  private seen: Line[] = [];
  private readonly fields = new FieldValues();
  /** Every text read so far at each place (the latest MAX_HISTORY): what a field showed before typing began there. */
  private history: Line[] = [];
  /** The options of the menu or list that opened last, and on which keyframe: choosing one closes it. */
  private opened: { options: Line[]; index: number } | null = null;
  /** The last click and where it landed: typing that follows in the same field names it. */
  private lastClick: { action: Extract<FrameAction, { type: 'click' }>; box: Box; index: number } | null = null;

  constructor(private readonly scene: Scene) {}

  /** The browser's address bar, once a full reading found one. */
  get chrome(): BrowserChrome | null {
    return this.chromeFound;
  }

  /**
   * The lines to name fields and controls by: what the screen shows now, and what was read before at places where
   * nothing is read now (OCR misses a label in one crop — a focus ring or a caret beside it — that is still there).
   * A full reading starts afresh.
   */
  private remember(now: readonly Line[], fresh: boolean): Line[] {
    const kept = fresh ? [] : this.seen.filter((l) => !now.some((n) => intersection(n.box, l.box) > 0));
    // A label read in part where it was read whole ("word" for "Password", a focus ring over its start) keeps its
    // whole reading.
    const whole = (n: Line) => (fresh ? undefined : this.seen.find((l) => samePlace(l.box, n.box) && partOf(n.text, l.text)));
    this.seen = [...kept, ...now.map((n) => whole(n) ?? n)];
    return this.seen;
  }

  push(r: KeyframeReading): InferredFrame {
    const { scene } = this;
    const index = this.count;
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
    const known = this.seen;
    const labels = this.remember(after, first || r.areas === null);
    if (first) {
      this.recall(after.filter(page));
      return { timestamp: r.timestamp, regions: [], changes: [], action: null, ...where };
    }

    const regions = r.regions.map((b) => grow(b, 4, scene));
    const [b, a] = [before.filter(page), after.filter(page)];
    const delta = compare(b, a, regions);
    // A line "appearing" where the same text was read before (OCR missed it on one crop, a focus ring beside it)
    // was there all along: its look changed at most.
    // (For inferring the action only: a menu opened again shows its items where they were before, and they did
    // appear.)
    const shownHere = (l: Line) => this.history.some((k) => samePlace(k.box, l.box) && sameText(k.text, l.text));
    const readBefore = (l: Line) => known.find((k) => samePlace(k.box, l.box) && sameText(k.text, l.text));
    const reread = (l: Line) => readBefore(l) !== undefined;
    // Likewise text "changing" into what was read there before (a placeholder read whole again after a partial
    // read, a label read cleanly after a misread) is no one typing.
    // And a line read worse than before, one word of it garbled at most (a focus ring drawn over its start: "(na
    // needs doing?"), is it restyled — not a one-word value typed over a placeholder much like it (an email).
    const rereadPair = (p: Pair) => garbled(cleanValue(p.before.text), cleanValue(p.after.text)) || shownHere(p.after);
    const seenDelta = {
      appeared: delta.appeared.filter((l) => !reread(l)),
      disappeared: delta.disappeared,
      changed: delta.changed.filter((p) => !rereadPair(p)),
      restyled: [...delta.restyled, ...delta.appeared.filter(reread), ...delta.changed.filter(rereadPair).map((p) => p.after)],
      was: new Map([
        ...(delta.was ?? []),
        ...delta.appeared.flatMap((l) => {
          const k = readBefore(l);
          return k ? [[l, k] as const] : [];
        }),
        ...delta.changed.filter(rereadPair).map((p) => [p.after, p.before] as const),
      ]),
    };
    const newUrl = this.url !== prevUrl ? this.url : undefined;
    // Surest evidence first: text growing in a field, then the pointer (or a pressed control), then the weaker
    // signs of typing (a placeholder replaced, a short value appearing under a label).
    // Typing happens in a field: a small part of the screen, on the same page.
    const fieldSized = (l: Line) => regions.some((g) => mostlyInside(l.box, g) && area(g) <= FIELD_REGION * scene.width * scene.height);
    const typed = newUrl ? { ...seenDelta, changed: [], appeared: [] } : { ...seenDelta, changed: seenDelta.changed.filter((p) => fieldSized(p.after)), appeared: seenDelta.appeared.filter(fieldSized) };
    const typedHere = (l: Line) => this.fields.typedAt(l.box);
    // A pointer still since the previous keyframe clicked nothing new, most likely: a field's text replaced under
    // it is typing before it is a click again.
    const still = (restBefore(scene.pointer, r.fromMs ?? r.timestamp)?.t ?? Infinity) <= prevTs;
    // Weak signs only count for text new at its place: a button or a row back where it was read before (a menu
    // closed over it) was not typed.
    // Nor a value sent on from its field, read whole where it went (a list item OCR read in part at first).
    const sent = (l: Line) => this.fields.sent(l.text);
    // Nor a control's busy label ("Signing in...").
    const weakly = { ...typed, appeared: typed.appeared.filter((l) => !shownHere(l) && !sent(l) && !isBusy(l.text)), changed: typed.changed.filter((p) => !sent(p.after) && !isBusy(p.after.text)) };
    // Nor in a view swapped for another (many lines changed or gone at once): typing changes one field, a hint at most.
    const weak = () => (r.areas !== null && !viewSwapped(seenDelta) ? typing(weakly, labels, r.timestamp, 'weak', typedHere) : null);
    const opened = this.opened && index - this.opened.index <= OPENED_KEYFRAMES ? this.opened.options : [];
    const closed = opened.some((o) => seenDelta.disappeared.some((l) => samePlace(l.box, o.box)));
    const lost = pointerLost(scene, r);
    // A menu closed and nothing else changed, the pointer not moved since: Escape, not a click on what it left.
    const dismissed = closed && (still || lost) && menuDismissed(opened, seenDelta, shownHere);
    let found = dismissed
      ? null
      : typing(typed, labels, r.timestamp, 'strong', typedHere) ??
      (still ? weak() : null) ??
      (closed && lost ? chosenOption(opened, seenDelta, a, r.timestamp) : null) ??
      click({ before: b, after: a, labels, d: seenDelta, regions, scene, r, prevTs, fieldAt: (box) => this.fields.nameAt(box) }) ??
      weak();
    // The pointer on a field's placeholder that the typed text replaced: the typing is what this keyframe shows.
    if (found?.action.type === 'click') {
      const w = weak();
      if (w && samePlace(w.box, found.box) && delta.changed.some((p) => samePlace(p.before.box, found!.box))) found = w;
    }
    // A select opened: named by its label, not by the value it showed.
    if (found?.action.type === 'click' && found.action.role !== 'textbox') {
      const label = selectLabel({ text: found.action.name, box: found.box, confidence: found.confidence }, seenDelta.appeared, labels);
      if (label) Object.assign(found.action, { role: 'combobox', name: mask(label) });
    }
    // A value typed and submitted before it settled (Enter): only the frame the video lane kept for it shows it.
    const peek = r.typed && found?.action.type !== 'fill' ? this.typedBefore(r.typed, b, a, seenDelta, labels, found, index) : null;
    found = peek ?? found;
    const action =
      found?.action ??
      (dismissed ? ({ t: r.fromMs ?? r.timestamp, type: 'press', key: 'Escape', source: 'video', confidence: 0.3 } as FrameAction) : null) ??
      scrolled(b, a, scene, r.timestamp) ??
      (newUrl ? ({ t: r.timestamp, type: 'navigate', url: newUrl, source: 'video', confidence: 0.8 } as FrameAction) : null);
    // A new fill where an earlier one was tracked replaces it first: that earlier value is not this one misread.
    if (found?.action.type === 'fill') this.fields.track(found.action, found.box, found.confidence, index);
    const options = menuOptions(seenDelta);
    if (options.length) this.opened = { options, index };
    else if (closed) this.opened = null;
    this.fields.refine(a, [...delta.appeared, ...delta.changed.map((p) => p.after)], index);
    this.recall(a);
    // Where a secret was typed (a field named as one), its text is never quoted: the fill's value is masked, and so
    // is every sentence about that place.
    const secretAt: Box[] = found?.action.type === 'fill' && found.action.value === MASK ? [found.box] : [];
    if (found?.action.type !== 'fill') {
      const typed = this.typedThenLeft(seenDelta, index);
      if (typed?.secret) secretAt.push(typed.box);
    }
    if (found?.action.type === 'fill') {
      // The click just before, on the same row: the click into this field (its pointer rested on the field's
      // placeholder or on nothing), named as the field is.
      const c = this.lastClick;
      if (c && index - c.index <= 2 && found.action.name && rowOf(c.box, found.box)) Object.assign(c.action, { role: 'textbox', name: found.action.name });
      this.lastClick = null;
    } else if (found?.action.type === 'click') this.lastClick = { action: found.action, box: found.box, index };
    const changes = describeChanges(delta, regions, scene, newUrl, secretAt);
    return { timestamp: r.timestamp, regions: r.regions, changes: r.returned ? [cameBack(r.returned, scene), ...changes] : changes, action, ...(peek ? { submitted: true as const } : {}), ...where };
  }

  /**
   * The value typed before this keyframe that no keyframe shows, read off the frame kept for it (`typedValue`): a
   * fill, which is this keyframe's action unless a click after the typing is. Then the click into the field on the
   * keyframe before becomes the fill, updated in place (as in typedThenLeft).
   */
  private typedBefore(typed: TypedReading, before: readonly Line[], after: readonly Line[], d: Delta, labels: readonly Line[], found: Found | null, index: number): Found | null {
    const read = typedValue(typed, before, after, [...d.appeared, ...d.changed.map((p) => p.after)], this.scene);
    if (!read) return null;
    const { line, value } = read;
    const c = this.lastClick;
    const into = c && c.action.role === 'textbox' && c.action.name && index - c.index <= 2 && rowOf(c.box, line.box) ? c : null;
    const name = into?.action.name ?? cleanLabel(labelOf(line.box, labels) ?? '');
    const filled = fillValue(value, name);
    // A click after the typing ended (not the pointer still resting on the field it typed into) is this keyframe's.
    if (found && found.action.t > typed.timestamp + CLICK_AFTER_TYPED_MS && !rowOf(found.box, line.box)) {
      if (!into) return null;
      const fill = Object.assign(into.action as unknown as Extract<FrameAction, { type: 'fill' }>, { type: 'fill', value: filled });
      this.fields.track(fill, line.box, line.confidence, index);
      this.lastClick = null;
      return null;
    }
    const action: Extract<FrameAction, { type: 'fill' }> = { t: typed.timestamp, type: 'fill', role: 'textbox', name: mask(name), value: filled, source: 'video', confidence: typed.whole ? 0.6 : 0.5 };
    return { action, box: line.box, confidence: line.confidence };
  }

  private recall(lines: readonly Line[]): void {
    const fresh = lines.filter((l) => !this.history.some((k) => samePlace(k.box, l.box) && sameText(k.text, l.text)));
    this.history = [...this.history, ...fresh].slice(-MAX_HISTORY);
  }

  /**
   * Typing, then a click elsewhere, between two keyframes: the field clicked into on the keyframe before shows a
   * value now (read on its row, the field's label unchanged beside it). That click was the start of typing there:
   * it becomes the fill (the action object the lane already returned, updated in place).
   */
  private typedThenLeft(d: Delta, index: number): { box: Box; secret: boolean } | undefined {
    const c = this.lastClick;
    if (!c || c.action.role !== 'textbox' || !c.action.name || index - c.index > 2) return;
    const name = c.action.name;
    // The field's label gone or replaced: a new view, not a value typed.
    if ([...d.disappeared, ...d.changed.map((p) => p.before)].some((l) => sameText(cleanLabel(l.text), name))) return;
    const overlapsX = (l: Line) => Math.min(l.box.x + l.box.w, c.box.x + c.box.w) - Math.max(l.box.x, c.box.x) > 0;
    const value = [...d.appeared, ...d.changed.map((p) => p.after)].find(
      (l) => isWordy(l.text) && l.box.h <= 40 && rowOf(c.box, l.box) && overlapsX(l) && !sameText(cleanLabel(l.text), name),
    );
    if (!value) return undefined;
    const filled = fillValue(cleanValue(value.text), name);
    const fill = Object.assign(c.action as unknown as Extract<FrameAction, { type: 'fill' }>, { type: 'fill', value: filled });
    this.fields.track(fill, value.box, value.confidence, index);
    this.lastClick = null;
    return { box: value.box, secret: filled === MASK };
  }
}

/** All keyframes at once (see Inferrer). */
export function inferFrames(readings: readonly KeyframeReading[], scene: Scene): InferredFrame[] {
  const inferrer = new Inferrer(scene);
  return readings.map((r) => inferrer.push(r));
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
/** `after` is `before` read worse: the same words but one, and misread as a whole (see `misread`). */
const garbled = (before: string, after: string) => {
  const [b, a] = [norm(before).split(' '), norm(after).split(' ')];
  return b.length >= 2 && a.length === b.length && a.filter((w, i) => w !== b[i]).length === 1 && misread(before, after);
};
/** `part` is a piece of `whole` cut at one end (4 letters at least), read where `whole` was. */
const partOf = (part: string, whole: string) => {
  const [p, w] = [norm(part), norm(whole)];
  return p.length >= 4 && p.length < w.length && (w.startsWith(p) || w.endsWith(p));
};
const mask = (s: string) => maskScreenText(s);
