/** Small, format-independent text helpers. */

// C0/C1 controls (except tab/newline) and invisible/bidi characters that can hide or reorder text.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Cuts to `max` characters with an ellipsis; never splits a surrogate pair. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** One line, no control characters, collapsed whitespace: page text can never start a line of its own. */
export function oneLine(text: string, max = 500): string {
  return cap(stripInvisible(text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')).replace(/\s+/g, ' ').trim(), max);
}

/** Keeps line breaks (user notes) but normalises them and drops control characters. */
export function multiLine(text: string, max = 2000): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => stripInvisible(l).replace(/[\t ]+/g, ' ').trimEnd());
  return cap(lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), max);
}

/** ms → mm:ss.s (minutes grow past 99 rather than wrapping). */
export function formatTime(ms: number): string {
  const tenths = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 100) : 0;
  const minutes = Math.floor(tenths / 600);
  const rest = tenths % 600;
  return `${String(minutes).padStart(2, '0')}:${String(Math.floor(rest / 10)).padStart(2, '0')}.${rest % 10}`;
}

/** "1, 3–5, 9": compact list of step numbers for notes about omitted content. */
export function formatRanges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** `1 step`, `2 steps`, `0 steps`: a count with its noun agreeing. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 60000 → "60,000", without locale data (output must not depend on the runtime's ICU build). */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
