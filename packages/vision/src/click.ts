import { area, distanceTo, mostlyInside, type Box } from './geometry.js';
import { cleanLabel } from './fields.js';
import type { Line } from './lines.js';
import { askedAbout, byChange, cameBackAt, loadedMore, navigatedBy, selectionMoved, turnedBusy } from './by-change.js';
import { controlLabel, fieldIn, fieldShaped, isWordy, made, MAX_LABEL_WORDS, POINTER_REACH, SMALL_REGION, type Change, type Found } from './evidence.js';
import { openedUnder } from './menus.js';
import type { KeyframeReading, Scene } from './infer.js';

/**
 * A click: the pointer at rest on a label when the change began (a label whose look changed with it counts from
 * further away: the tracker loses a pointer that turns into a hand over a hover-styled control, short of it), or
 * resting on no label inside a field that took focus; without a pointer, the change itself tells: a field that
 * took focus (its ring drawn), the one small control whose look changed while its text stayed (pressed), or the one
 * box or radio that changed beside its label (ticked).
 */
export function click(c: Change): Found | null {
  const { before, after, labels, scene, prevTs, r, d, regions, fieldAt } = c;
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
      navigatedBy(d, before, after, t) ?? askedAbout(d, before, t) ?? loadedMore(d, after, t) ?? openedUnder(d, after, t) ?? selectionMoved(d, scene, t) ?? cameBackAt(r, after, scene) ?? byChange(c);
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
        (l) => controlLabel(l, scene) && points.some((p) => distanceTo(l.box, p) <= 3 * POINTER_REACH),
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

/** No pointer sample for a long while before the change: the tracker lost the pointer, or the recording draws none. */
export function pointerLost(scene: Scene, r: KeyframeReading): boolean {
  const at = r.fromMs ?? r.timestamp;
  const rest = restBefore(scene.pointer, at);
  return !rest || at - rest.t > LOST_MS;
}

/** The field a point lies in, in a changed region (its focus ring), named by its label (left of it or above). */
function focusedField(p: { x: number; y: number }, regions: readonly Box[], labels: readonly Line[], scene: Scene): { name: string; box: Box } | null {
  const ring = regions.find((g) => fieldShaped(g, scene) && distanceTo(g, p) <= 8);
  return ring ? fieldIn(ring, p, labels) : null;
}

/** A pointer still since the previous keyframe clicked again only if the screen changed this near it (px). */
const STALE_REACH = 2 * POINTER_REACH;
/** No pointer sample this long (ms) before a change: the tracker has lost the pointer (or there is none). */
const LOST_MS = 1500;
/** A pointer whose last tracked step was this long (px a sample) was still moving when the tracker lost it. */
const MOVING_PX = 12;
/** How far ahead of where it was lost a moving pointer can have gone on to click (px). */
const HEADING_REACH = 250;
/** The pointer pauses this long (no move) where it clicks. */
const PAUSE_MS = 150;

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

/**
 * Where the pointer last came to rest at or before `until`: the latest sample followed by a pause (or by nothing),
 * with the move that brought it there (per sample) for extrapolation.
 */
export function restBefore(track: Scene['pointer'], until: number): Rest | undefined {
  let found: number | undefined;
  for (let i = 0; i < track.length && track[i]!.t <= until; i++) {
    const next = track[i + 1];
    if (!next || next.t - track[i]!.t >= PAUSE_MS || next.t > until) found = i;
  }
  return found === undefined ? undefined : withMove(track, found);
}
