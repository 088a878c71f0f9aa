import { maskScreenText } from '@claude-scope/secrets';
import { urlFromText } from './chrome.js';
import { area, centre, distanceTo, grow, intersection, mostlyInside, union, type Box } from './geometry.js';
import { cleanLabel, sameText } from './fields.js';
import { samePlace, type Line } from './lines.js';
import { FIELD_REGION, isBusy, isWordy, labelOf, POINTER_REACH, SMALL_REGION, viewSwapped, type Delta, type Found } from './evidence.js';
import type { KeyframeReading, Scene } from './infer.js';

const mask = (s: string) => maskScreenText(s);

/**
 * A click: the pointer at rest on a label when the change began (a label whose look changed with it counts from
 * further away: the tracker loses a pointer that turns into a hand over a hover-styled control, short of it), or
 * resting on no label inside a field that took focus; without a pointer, the change itself tells: a field that
 * took focus (its ring drawn), the one small control whose look changed while its text stayed (pressed), or the one
 * box or radio that changed beside its label (ticked).
 */
export function click(
  before: readonly Line[],
  after: readonly Line[],
  labels: readonly Line[],
  scene: Scene,
  prevTs: number,
  r: KeyframeReading,
  d: Delta,
  regions: readonly Box[],
  fieldAt: (b: Box) => string | undefined,
): Found | null {
  const t = r.timestamp;
  const frameArea = scene.width * scene.height;
  // A label whose look changed: inside a changed region of a control's size (pressed, opened, spinning), or of a
  // panel's.
  const touched = (l: Line, share = 4 * SMALL_REGION) => regions.some((g) => mostlyInside(l.box, g) && area(g) < share * frameArea);
  const pressed = (l: Line) => touched(l, SMALL_REGION);
  // A control whose label turned busy ("Sign in" → "Signing in…") was pressed, wherever the pointer was lost.
  const busy = turnedBusy(d, regions, frameArea);
  if (busy) return made(busy.text, busy.box, 0.6, t);
  const rest = restBefore(scene.pointer, r.fromMs ?? t);
  // The tracker saw no pointer for a long while before the change (it lost it over the page, or the recording
  // draws none): what the change itself shows comes first, an old rest after.
  if (pointerLost(scene, r)) {
    const shown =
      navigatedBy(d, before, after, t) ?? askedAbout(d, before, t) ?? loadedMore(d, after, t) ?? openedUnder(d, after, t) ?? byChange(d, regions, labels, after, scene, t, fieldAt);
    if (shown) return shown;
  }
  // A pointer still since the previous keyframe clicks again only where the screen changes by it (a stepper's
  // number beside it); a change away from it (a toast coming or going, a menu closed by a key) is the page answering.
  if (rest && rest.t <= prevTs && !regions.some((g) => distanceTo(g, rest) <= STALE_REACH)) return null;
  if (rest) {
    // A tracker can lose the pointer as it changes shape over a control (arrow → hand): where it was heading
    // counts too, a little less surely.
    const points = [
      { x: rest.x, y: rest.y, sure: 1 },
      { x: rest.x + rest.vx * 0.5, y: rest.y + rest.vy * 0.5, sure: 0.85 },
      { x: rest.x + rest.vx, y: rest.y + rest.vy, sure: 0.75 },
    ];
    // A pointer that has not moved since the previous state may still have clicked (a stepper clicked again), less surely.
    const stale = rest.t <= prevTs ? 0.2 : 0;
    const when = Math.min(t, Math.max(rest.t, prevTs + 1));
    // A field's ring drew where the pointer rests and no text appeared: the click was into that field. Text may have
    // changed elsewhere: the field left behind reads differently once its caret and ring are gone.
    const under = before.some((l) => isWordy(l.text) && distanceTo(l.box, rest) <= 2);
    // (A letter or two appearing is no text: the I-beam pointer or the ring's corner read as "1" or "[i".)
    const field = under || d.appeared.some((l) => cleanLabel(l.text).trim().length > 2) ? null : focusedField(rest, regions, labels, scene);
    if (field) return made(field.name, field.box, 0.6 - stale, when, 'textbox');
    let best: { line: Line; score: number; dist: number; sure: number } | undefined;
    for (const p of points) {
      for (const l of before) {
        // A control's label, not a sentence of the page (a hint or an error under a field).
        if (!isWordy(l.text) || l.text.split(/\s+/).length > MAX_LABEL_WORDS) continue;
        const dist = distanceTo(l.box, p);
        const changed = touched(l);
        if (dist > (changed ? 3 * POINTER_REACH : POINTER_REACH)) continue;
        // A label whose look changed with the change is likelier the one clicked than a still one as near.
        const score = dist - 8 * p.sure - (changed ? POINTER_REACH : 0);
        if (!best || score < best.score) best = { line: l, score, dist, sure: p.sure };
      }
    }
    // Still moving at its last sample, the pointer was lost on the way (turned into a hand over a hover-styled
    // control) — people stop to click: the label ahead on its path whose look changed, unless it was lost right
    // on a label.
    if (!best || best.dist > 0 || best.sure < 1) {
      const ahead = labelAhead(rest, before, touched);
      if (ahead) return made(ahead.text, ahead.box, 0.45 - stale, when);
    }
    // A control that answers late (a spinner, then the content) changed where the pointer rested earlier in the
    // interval, not where it rests now: an earlier rest on (or heading into) a label whose look changed beats a
    // still label.
    if (!best || !pressed(best.line)) {
      let earlier: { line: Line; dist: number; t: number } | undefined;
      let headed: { line: Line; t: number } | undefined;
      for (const p of restsBetween(scene.pointer, prevTs, rest.t)) {
        for (const l of before) {
          if (!isWordy(l.text) || l.text.split(/\s+/).length > MAX_LABEL_WORDS || !pressed(l)) continue;
          const dist = distanceTo(l.box, p);
          if (dist <= POINTER_REACH && (!earlier || dist < earlier.dist)) earlier = { line: l, dist, t: p.t };
        }
        // (A control's name, not a counter that changed with the answer: a badge's "3".)
        const ahead = labelAhead(p, before, (l) => pressed(l) && /\p{L}/u.test(l.text));
        if (ahead) headed = { line: ahead, t: p.t };
      }
      if (earlier) return made(earlier.line.text, earlier.line.box, 0.45, Math.max(earlier.t, prevTs + 1));
      if (headed) return made(headed.line.text, headed.line.box, 0.4, Math.max(headed.t, prevTs + 1));
    }
    // Over a control with a hover style the tracker loses the pointer short of it: the one small label near where
    // it was heading whose look changed (hovered, pressed, opened) or that OCR lost in its new look.
    if (!best) {
      const near = [...d.restyled, ...d.disappeared].filter(
        (l) => isWordy(l.text) && area(l.box) < SMALL_REGION * frameArea && points.some((p) => distanceTo(l.box, p) <= 3 * POINTER_REACH),
      );
      if (near.length === 1) best = { line: near[0]!, score: 0, dist: 1, sure: 0.8 };
    }
    if (best) {
      const confidence = Math.max(0.1, (best.dist === 0 ? 0.75 : 0.55) * best.sure - stale);
      // On the value typed into a field: a click into that field.
      const typedInto = fieldAt(best.line.box);
      if (typedInto) return made(typedInto, best.line.box, confidence, when, 'textbox');
      return made(best.line.text, best.line.box, confidence, when);
    }
  }
  return null;
}

/**
 * A select opened: the clicked line is its value, and its options appeared in a column right under it. Such a
 * control is named by its label just above it ("Theme" over "Light"), not by the value it showed.
 */
export function selectLabel(clicked: Line, appeared: readonly Line[], labels: readonly Line[]): string | undefined {
  // A value is a word or two, not a sentence (a hint, an error).
  if (clicked.text.split(/\s+/).length > 3 || /[.!?]$/.test(clicked.text.trim())) return undefined;
  const options = appeared.filter(
    (l) => Math.abs(l.box.x - clicked.box.x) <= OPTION_ALIGN_PX && l.box.y > clicked.box.y && l.box.y - (clicked.box.y + clicked.box.h) <= OPTIONS_REACH && isShort(l.text),
  );
  // A list: at least two options, one under the other.
  if (options.length < 2) return undefined;
  const above = labels.filter(
    (l) =>
      isShort(l.text) &&
      isWordy(l.text) &&
      !appeared.includes(l) &&
      l.box.y + l.box.h <= clicked.box.y + 2 &&
      clicked.box.y - (l.box.y + l.box.h) <= SELECT_LABEL_GAP &&
      Math.abs(l.box.x - clicked.box.x) <= SELECT_LABEL_ALIGN,
  );
  above.sort((p, q) => distanceTo(p.box, centre(clicked.box)) - distanceTo(q.box, centre(clicked.box)));
  const name = above[0] && cleanLabel(above[0].text.replace(/[:*]+$/, '').trim());
  return name || undefined;
}
const isShort = (text: string) => text.length <= 40 && text.split(/\s+/).length <= MAX_LABEL_WORDS;
/** A select's options are drawn aligned with its value (px), the list starting just under it (within px). */
const OPTION_ALIGN_PX = 16;
const OPTIONS_REACH = 160;
/** A select's label sits just above it (px gap), aligned with its left edge. */
const SELECT_LABEL_GAP = 30;
const SELECT_LABEL_ALIGN = 40;

/**
 * Without a pointer, a new view titled as a control that stays on screen (a sidebar link, a tab): the click was on
 * that control. The title is the topmost line of the view that changed into the text of one such control (one: a
 * row's "Delete" repeated down a list names no view).
 */
export function navigatedBy(d: Delta, before: readonly Line[], after: readonly Line[], t: number): Found | null {
  if (!viewSwapped(d)) return null;
  const titles = d.changed.map((p) => p.after).filter((l) => isWordy(l.text) && isShort(l.text)).sort((p, q) => p.box.y - q.box.y);
  for (const title of titles) {
    const named = before.filter((l) => !samePlace(l.box, title.box) && sameText(cleanLabel(l.text), cleanLabel(title.text)));
    const control = named.length === 1 ? named[0]! : undefined;
    if (control && after.some((n) => samePlace(n.box, control.box) && sameText(n.text, control.text))) return made(control.text, control.box, 0.4, t);
  }
  return null;
}

/**
 * Without a pointer, a dialog that appeared quoting an item on the page ("“Review pull requests” will be removed"):
 * the click was on that item's row, on the control right of it (its Delete, Edit, Archive…).
 */
export function askedAbout(d: Delta, before: readonly Line[], t: number): Found | null {
  for (const l of d.appeared) {
    const quoted = QUOTED.exec(l.text)?.[1]?.trim();
    if (!quoted) continue;
    const item = before.find((b) => !d.appeared.includes(b) && sameText(cleanLabel(b.text), quoted));
    const control = item && buttonRightOf(item, before);
    if (control) return made(control.text, control.box, 0.4, t);
  }
  return null;
}
/**
 * Without a pointer, a short control's label replaced in place by new lines of a list that grew from there (a "Load
 * more" gone, the next items where it was and below): the click was on that control. Not in a view swapped for
 * another (a tab's content replaced).
 */
export function loadedMore(d: Delta, after: readonly Line[], t: number): Found | null {
  if (viewSwapped(d)) return null;
  for (const p of d.changed) {
    const control = p.before;
    if (!isWordy(control.text) || !isShort(control.text) || after.some((l) => sameText(l.text, control.text))) continue;
    const below = d.appeared.filter((l) => l.box.y >= control.box.y);
    if (below.length >= 2) return made(control.text, control.box, 0.35, t);
  }
  return null;
}

/**
 * Without a pointer, a menu or a select's options that appeared in a column right under a line that stayed (the
 * select's value, a menu button): the click was on that line (a select is then named by its label; see
 * selectLabel). Options stand alone on their rows: new rows of a list carry their own controls.
 */
export function openedUnder(d: Delta, after: readonly Line[], t: number): Found | null {
  const options = menuOptions(d);
  if (options.length === 0) return null;
  const top = Math.min(...options.map((o) => o.box.y));
  const opener = after
    .filter((l) => !d.appeared.includes(l) && !d.changed.some((p) => p.after === l) && isWordy(l.text) && isShort(l.text))
    .filter((l) => l.box.y + l.box.h <= top + 2 && top - (l.box.y + l.box.h) <= OPTIONS_REACH && options.every((o) => Math.abs(o.box.x - l.box.x) <= OPTION_ALIGN_PX))
    .sort((a, b) => b.box.y - a.box.y)[0];
  return opener ? made(opener.text, opener.box, 0.4, t) : null;
}

/**
 * What appeared, when it is a menu's options: two or more short lines, each alone on its row, in one column, one
 * right under the other (a form's next field and its button are further apart).
 */
export function menuOptions(d: Delta): Line[] {
  const options = d.appeared.filter((l) => isWordy(l.text) && isShort(l.text) && !d.appeared.some((o) => o !== l && rowOf(o.box, l.box)));
  if (options.length < 2 || options.length < d.appeared.length) return [];
  options.sort((a, b) => a.box.y - b.box.y);
  const column = options.every((o, i) => Math.abs(o.box.x - options[0]!.box.x) <= OPTION_ALIGN_PX && (i === 0 || o.box.y - options[i - 1]!.box.y <= OPTION_STEP));
  return column ? options : [];
}
/** A menu's options follow one another at most this far apart (px, top to top). */
const OPTION_STEP = 56;

/**
 * Without a pointer, a menu or a select's list that opened on a recent keyframe (`opened`: its options) closed now,
 * one option still on screen (the select shows it as its value): that option was chosen.
 */
export function chosenOption(opened: readonly Line[], d: Delta, after: readonly Line[], t: number): Found | null {
  const gone = opened.filter((o) => d.disappeared.some((l) => samePlace(l.box, o.box) && sameText(l.text, o.text)));
  const kept = opened.filter((o) => !gone.includes(o) && after.some((l) => sameText(l.text, o.text) && !samePlace(l.box, o.box)));
  return gone.length > 0 && kept.length === 1 ? made(kept[0]!.text, kept[0]!.box, 0.4, t) : null;
}

/**
 * A menu that opened (`opened`: its options) closed, and nothing else changed: all that went is in the menu's place,
 * all that appeared is what it had covered (`revealed`: text read there before).
 */
export function menuDismissed(opened: readonly Line[], d: Delta, revealed: (l: Line) => boolean): boolean {
  if (opened.length === 0 || d.changed.length > 0 || !d.appeared.every(revealed)) return false;
  const menu = grow(opened.map((o) => o.box).reduce(union), MENU_PAD);
  return d.disappeared.length > 0 && d.disappeared.every((l) => mostlyInside(l.box, menu));
}
/** A menu's panel reaches this far around its options' text (px). */
const MENU_PAD = 24;

/** A short label that gave way, in a control-sized changed region, to a busy one ending in an ellipsis. */
function turnedBusy(d: Delta, regions: readonly Box[], frameArea: number): Line | undefined {
  for (const now of [...d.appeared, ...d.changed.map((p) => p.after)]) {
    if (!isBusy(now.text)) continue;
    const control = regions.find((g) => mostlyInside(now.box, g) && area(g) < SMALL_REGION * frameArea);
    if (!control) continue;
    const was = [...d.disappeared, ...d.changed.filter((p) => p.after === now).map((p) => p.before)];
    const label = was.find((l) => mostlyInside(l.box, control) && isWordy(l.text) && isShort(l.text) && !isBusy(l.text));
    if (label) return label;
  }
  return undefined;
}

/** No pointer sample for a long while before the change: the tracker lost the pointer, or the recording draws none. */
export function pointerLost(scene: Scene, r: KeyframeReading): boolean {
  const at = r.fromMs ?? r.timestamp;
  const rest = restBefore(scene.pointer, at);
  return !rest || at - rest.t > LOST_MS;
}

/** Text in quotes: one run of non-quote characters between two quote marks (linear to match). */
const QUOTED = /["“‘«]([^"“”‘’«»]{2,80})["”’»]/;

/** Without a pointer: the change itself — a pressed control beside a bigger change, a box ticked, a field's ring drawn. */
function byChange(
  d: Delta,
  regions: readonly Box[],
  labels: readonly Line[],
  after: readonly Line[],
  scene: Scene,
  t: number,
  fieldAt: (b: Box) => string | undefined,
): Found | null {
  const frameArea = scene.width * scene.height;
  const restyled = d.restyled.filter((l) => area(l.box) < SMALL_REGION * frameArea && isWordy(l.text));
  if (restyled.length === 1 && (d.appeared.length > 0 || d.disappeared.length > 0 || d.changed.length > 0)) {
    // A field typed into shows its placeholder again: the value was sent, by the button on its row if it has one.
    const field = fieldAt(restyled[0]!.box);
    if (field) {
      const send = buttonRightOf(restyled[0]!, after);
      return send ? made(send.text, send.box, 0.35, t) : null;
    }
    return made(restyled[0]!.text, restyled[0]!.box, 0.4, t);
  }
  // Several looks changed (a hover, the previous choice): the control next to where the new text appeared (a
  // menu or a list opens by the control that opened it). Not when the whole page's look changed (a dialog's
  // backdrop dimmed it).
  if (restyled.length > 1 && restyled.length <= MAX_HOVERED && d.appeared.length > 0) {
    const panel = d.appeared.map((l) => l.box).reduce(union);
    const next = restyled
      .filter((l) => !mostlyInside(l.box, panel))
      .map((l) => ({ l, d: distanceTo(panel, centre(l.box)) }))
      .filter((x) => x.d <= BESIDE_PX)
      .sort((a, b) => a.d - b.d);
    // The nearest, when clearly nearer than the next (the control, not its label above it).
    if (next[0] && (!next[1] || next[0].d <= 0.7 * next[1].d)) return made(next[0].l.text, next[0].l.box, 0.35, t);
  }
  // No text changed but a field's outline did: the field was clicked into (typing, if any, follows).
  if (!d.appeared.length && !d.disappeared.length && !d.changed.length) {
    // A button hugs its label (read differently under a hover shade); a field is wider than the text in it.
    const hugs = (g: Box) => d.restyled.some((l) => mostlyInside(l.box, g) && 2 * l.box.w > g.w && g.h <= 3 * l.box.h && Math.abs(centre(l.box).x - centre(g).x) <= 0.1 * g.w);
    const rings = regions.filter((g) => fieldShaped(g, scene) && !hugs(g));
    // Before that: one box, radio or switch that changed (ticked, its dot or knob moved), named by the label beside it.
    // A focus ring leaving the control clicked before is a band, as a field's is, so it does not count against it.
    const ticked = regions
      .filter((g) => checkShaped(g) && !rings.some((f) => intersection(f, g) > 0))
      .flatMap((g) => labelBeside(g, after) ?? [])
      // A value typed into a field, its caret blinking before it, is no label.
      .filter((l) => !fieldAt(l.box));
    if (ticked.length === 1) return made(ticked[0]!.text, ticked[0]!.box, 0.4, t);
    const field = rings.length === 1 ? fieldIn(rings[0]!, { x: rings[0]!.x + rings[0]!.w / 2, y: rings[0]!.y + rings[0]!.h / 2 }, labels) : null;
    if (field) return made(field.name, field.box, 0.4, t, 'textbox');
  }
  return null;
}

/** The nearest short label right of a line on its row (a field's send button, a list item's Delete). */
function buttonRightOf(field: Line, now: readonly Line[]): Line | undefined {
  const end = field.box.x + field.box.w;
  return now
    .filter((l) => l !== field && isWordy(l.text) && isShort(l.text) && rowOf(l.box, field.box) && l.box.x >= end && l.box.x - end <= SEND_REACH)
    .sort((a, b) => a.box.x - b.box.x)[0];
}
/** How far right of a line its button may start (px at 720p: a wide field's placeholder is short, a row is wide). */
const SEND_REACH = 900;
/** More looks than this changing at once is the page's look changing, not a hover and a choice. */
const MAX_HOVERED = 4;

const made = (text: string, box: Box, confidence: number, when: number, role?: string): Found => ({
  action: { t: when, type: 'click', role: role ?? roleOf(cleanLabel(text)), name: mask(cleanLabel(text)), source: 'video', confidence: round(confidence) },
  box,
  confidence,
});

/** A box, radio or switch as a changed region (px at 720p): small, about square. */
const CHECK_PX = 72;
const checkShaped = (g: Box) => g.w <= CHECK_PX && g.h <= CHECK_PX && g.w <= 2 * g.h && g.h <= 2 * g.w;
/** How far right of a control its label may start (px). */
const CHECK_LABEL_GAP = 40;

/** The label just right of a control on its row (a checkbox's, a radio's) on screen now, none if a word lies inside it. */
function labelBeside(g: Box, now: readonly Line[]): Line | undefined {
  const words = now.filter((l) => isWordy(l.text));
  if (words.some((l) => mostlyInside(l.box, g))) return undefined;
  const onRow = (l: Line) => g.y <= centre(l.box).y && centre(l.box).y <= g.y + g.h;
  return words
    .filter((l) => onRow(l) && l.box.x >= g.x + g.w / 3 && l.box.x <= g.x + g.w + CHECK_LABEL_GAP)
    .sort((a, b) => a.box.x - b.box.x)[0];
}

/** A field's focus ring as a changed region: a small band, wider than tall, as inputs are. */
const fieldShaped = (g: Box, scene: Scene) => area(g) <= FIELD_REGION * scene.width * scene.height && g.h <= 200 && g.w >= 2 * Math.min(g.h, 100);

/** The field a point lies in, in a changed region (its focus ring), named by its label (left of it or above). */
function focusedField(p: { x: number; y: number }, regions: readonly Box[], labels: readonly Line[], scene: Scene): { name: string; box: Box } | null {
  const ring = regions.find((g) => fieldShaped(g, scene) && distanceTo(g, p) <= 8);
  return ring ? fieldIn(ring, p, labels) : null;
}

function fieldIn(ring: Box, p: { x: number; y: number }, labels: readonly Line[]): { name: string; box: Box } | null {
  // The field's row: the ring's width at the point's height (a ring can hold its label too, or two fields).
  const row = { x: ring.x, y: Math.round(p.y - FIELD_ROW / 2), w: ring.w, h: FIELD_ROW };
  const name = labelOf(row, labels.filter((l) => distanceTo(l.box, p) > 2));
  return name ? { name: cleanLabel(name), box: row } : null;
}

/** Height of a text field's row (px at 720p): the label above it is within labelOf's reach of its top. */
const FIELD_ROW = 32;
/** Two boxes on the same row: a click on a field's placeholder and the value typed there. */
export const rowOf = (a: Box, b: Box) => Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) >= 0.4 * Math.min(a.h, b.h);

/** A control this close (px) to a panel that appeared opened it. */
const BESIDE_PX = 60;
/** A pointer still since the previous keyframe clicked again only if the screen changed this near it (px). */
const STALE_REACH = 2 * POINTER_REACH;
/** No pointer sample this long (ms) before a change: the tracker has lost the pointer (or there is none). */
const LOST_MS = 1500;
/** A pointer whose last tracked step was this long (px a sample) was still moving when the tracker lost it. */
const MOVING_PX = 12;
/** How far ahead of where it was lost a moving pointer can have gone on to click (px). */
const HEADING_REACH = 250;
/** Labels of buttons, links, tabs and menu items rarely run longer. */
const MAX_LABEL_WORDS = 5;
/** The pointer pauses this long (no move) where it clicks. */
const PAUSE_MS = 150;
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Where the pointer last came to rest at or before `until`: the latest sample followed by a pause (or by nothing),
 * with the move that brought it there (per sample) for extrapolation.
 */
/**
 * Where the pointer paused after `from` and before `until` (each pause's last sample), with the move that brought it
 * there (per sample).
 */
function restsBetween(track: Scene['pointer'], from: number, until: number): Rest[] {
  const out: Rest[] = [];
  for (let i = 0; i < track.length && track[i]!.t < until; i++) {
    const next = track[i + 1];
    if (track[i]!.t > from && (!next || next.t - track[i]!.t >= PAUSE_MS)) out.push(withMove(track, i));
  }
  return out;
}

type Rest = { t: number; x: number; y: number; vx: number; vy: number };

/** Sample `i` of the track with the move from the sample before (none after a pause). */
function withMove(track: Scene['pointer'], i: number): Rest {
  const p = track[i]!;
  const q = track[i - 1];
  const moved = q && p.t - q.t <= 2 * PAUSE_MS;
  return { ...p, vx: moved ? p.x - q.x : 0, vy: moved ? p.y - q.y : 0 };
}

/**
 * Still moving at its last sample, the pointer was lost on the way (turned into a hand over a hover-styled control)
 * — people stop to click: the label ahead on its path that `counts` (its look changed), if any.
 */
function labelAhead(rest: Rest, before: readonly Line[], counts: (l: Line) => boolean): Line | undefined {
  const speed = Math.hypot(rest.vx, rest.vy);
  if (speed < MOVING_PX) return undefined;
  const [ux, uy] = [rest.vx / speed, rest.vy / speed];
  let ahead: { line: Line; score: number } | undefined;
  for (const l of before) {
    if (!isWordy(l.text) || l.text.split(/\s+/).length > MAX_LABEL_WORDS || !counts(l)) continue;
    const c = { x: l.box.x + l.box.w / 2, y: l.box.y + l.box.h / 2 };
    const [dx, dy] = [c.x - rest.x, c.y - rest.y];
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along < 0 || along > HEADING_REACH || across > POINTER_REACH + l.box.w / 2) continue;
    const score = across + 0.2 * along;
    if (!ahead || score < ahead.score) ahead = { line: l, score };
  }
  return ahead?.line;
}

export function restBefore(track: Scene['pointer'], until: number): Rest | undefined {
  let found: number | undefined;
  for (let i = 0; i < track.length && track[i]!.t <= until; i++) {
    const next = track[i + 1];
    if (!next || next.t - track[i]!.t >= PAUSE_MS || next.t > until) found = i;
  }
  return found === undefined ? undefined : withMove(track, found);
}

/** Links read as addresses or sentences; anything short is a button (the replay falls back to the text). */
const roleOf = (text: string) => (urlFromText(text) || text.split(/\s+/).length > 4 ? 'link' : 'button');

