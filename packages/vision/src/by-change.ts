import { area, centre, distanceTo, intersection, mostlyInside, union, type Box } from './geometry.js';
import { cleanLabel, sameText } from './fields.js';
import { samePlace, type Line } from './lines.js';
import { controlLabel, fieldIn, fieldShaped, isBusy, isShort, isWordy, made, rowOf, SMALL_REGION, viewSwapped, type Change, type Delta, type Found } from './evidence.js';
import type { KeyframeReading, Scene } from './infer.js';
import { emphasisShift } from './emphasis.js';

// What the change itself says was clicked, wherever the pointer is (or with none drawn): a new view titled as a
// link, a dialog quoting a row, a Load more replaced by rows, a button turned busy, the selection moving to a tab, a
// pressed control, a box ticked, a field's ring drawn.

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
    const item = before.find((b) => sameText(cleanLabel(b.text), quoted));
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

/** A changed place this large (share of the screen) is a view's worth, not the surroundings of one control. */
const VIEW_SHARE = 0.25;

/** Text in quotes: one run of non-quote characters between two quote marks (linear to match). */
const QUOTED = /["“‘«]([^"“”‘’«»]{2,80})["”’»]/;

/**
 * A state come back (KeyframeReading.returned): what showed in between differed from it in one place and gave it back
 * unchanged (a button that spun beside a "Loading…", then the same error). The click was on the control there: the
 * one control's label read inside that place (a sentence is no control's; a place with two is no answer, nor one
 * the size of a view).
 */
export function cameBackAt(r: KeyframeReading, after: readonly Line[], scene: Scene): Found | null {
  const span = r.returned;
  if (!span || area(span.box) >= VIEW_SHARE * scene.width * scene.height) return null;
  // The screen as read now, which is what it showed before the click: remembered lines may be from an earlier view.
  const inside = after.filter((l) => controlLabel(l, scene) && isShort(l.text) && mostlyInside(l.box, span.box));
  return inside.length === 1 ? made(inside[0]!.text, inside[0]!.box, 0.4, span.fromMs) : null;
}

/** A short label that gave way, in a control-sized changed region, to a busy one ending in an ellipsis. */
export function turnedBusy(d: Delta, regions: readonly Box[], frameArea: number): Line | undefined {
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

/**
 * Without a pointer, the selection moving within a group of controls (tabs, a nav bar, a segmented control): one
 * label gained emphasis (darker or coloured ink, a fill, bold) while one on its row or in its column lost it (the
 * previous choice). The click was on the one that gained it.
 */
export function selectionMoved(d: Delta, scene: Scene, t: number): Found | null {
  const shifts = d.restyled
    .filter((l) => controlLabel(l, scene) && isShort(l.text))
    .flatMap((l) => {
      const was = d.was?.get(l);
      return l.look && was?.look ? [{ l, shift: emphasisShift(was.look, l.look) }] : [];
    });
  const gained = shifts.filter((s) => s.shift === 'up').map((s) => s.l);
  const lost = shifts.filter((s) => s.shift === 'down').map((s) => s.l);
  if (gained.length !== 1) return null;
  const chosen = gained[0]!;
  const grouped = (l: Line) => rowOf(l.box, chosen.box) || Math.abs(l.box.x - chosen.box.x) <= Math.max(l.box.h, chosen.box.h);
  return lost.some(grouped) ? made(chosen.text, chosen.box, 0.4, t) : null;
}

/** Without a pointer: the change itself — a pressed control beside a bigger change, a box ticked, a field's ring drawn. */
export function byChange({ d, regions, labels, after, scene, r, fieldAt }: Change): Found | null {
  const t = r.timestamp;
  const restyled = d.restyled.filter((l) => controlLabel(l, scene));
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

/** A control this close (px) to a panel that appeared opened it. */
const BESIDE_PX = 60;
