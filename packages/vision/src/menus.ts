import { centre, distanceTo, grow, mostlyInside, union } from './geometry.js';
import { cleanLabel, sameText } from './fields.js';
import { samePlace, type Line } from './lines.js';
import { isShort, isWordy, made, rowOf, type Delta, type Found } from './evidence.js';

// Menus and selects: one opening (named by the line it opened under, a select by its label), an option chosen, a
// menu dismissed.

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
/** A select's options are drawn aligned with its value (px), the list starting just under it (within px). */
const OPTION_ALIGN_PX = 16;
const OPTIONS_REACH = 160;
/** A select's label sits just above it (px gap), aligned with its left edge. */
const SELECT_LABEL_GAP = 30;
const SELECT_LABEL_ALIGN = 40;

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
