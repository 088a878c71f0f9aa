/**
 * The cap every page- or user-derived string goes through before any pattern runs: the patterns are linear, but
 * a bound on the input keeps each call's cost bounded too (a page controls its titles, names, urls and texts).
 */
export const MAX_TEXT = 10_000;

/** Appended where text was cut. Never a match of any pattern. */
export const TRUNCATED = '… [truncated]';

/** Cuts to `max` code points (never splitting a surrogate pair), marking the cut. */
export function capText(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text; // UTF-16 length ≥ code points: nothing to cut
  let units = 0;
  let points = 0;
  while (points < max && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    points++;
  }
  return units >= text.length ? text : text.slice(0, units) + TRUNCATED;
}
