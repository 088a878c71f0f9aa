import type { AriaNode } from '@claude-scope/contracts';
import { readDoubleQuoted } from './scalar.js';

/**
 * Parses a snapshot key such as `checkbox "Remember me" [checked] [ref=e5]` into a node.
 * Mirrors Playwright's KeyParser, but never throws: whatever cannot be read is skipped.
 * Returns the node and where the key ended (a `: value` may follow).
 */
export function parseKey(s: string): { node: AriaNode; end: number } | null {
  const role = /^\s*([A-Za-z][\w-]*)/.exec(s);
  if (!role) return null;
  const node: AriaNode = { role: role[1]!, name: '' };
  let i = skipSpaces(s, role[0].length);
  if (s[i] === '"') {
    const str = readJsonString(s, i);
    node.name = str.value;
    i = str.end;
  } else if (s[i] === '/') {
    // Regex names only appear in codegen-mode templates; keep the literal `/…/` as the name.
    const end = regexEnd(s, i);
    node.name = s.slice(i, end);
    i = end;
  }
  for (;;) {
    const j = skipSpaces(s, i);
    if (s[j] !== '[') break;
    const close = s.indexOf(']', j);
    if (close < 0) {
      i = s.length;
      break;
    }
    const attr = /^\s*([A-Za-z][\w-]*)\s*(?:=\s*(.*?))?\s*$/.exec(s.slice(j + 1, close));
    if (attr) applyAttribute(node, attr[1]!, attr[2]);
    i = close + 1;
  }
  return { node, end: i };
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

// Names are written with JSON.stringify, so JSON.parse is exact; the YAML reader is the fallback
// for hand-written or truncated input.
function readJsonString(s: string, start: number): { value: string; end: number } {
  let i = start + 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  const end = Math.min(i + 1, s.length);
  try {
    const value: unknown = JSON.parse(s.slice(start, end));
    if (typeof value === 'string') return { value, end };
  } catch {
    // fall through
  }
  return readDoubleQuoted(s, start);
}

function regexEnd(s: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) return i + 1;
  }
  return s.length;
}

const BOOLEAN_STATES = new Set(['disabled', 'expanded', 'selected', 'active']);
const TRISTATE = new Set(['checked', 'pressed']);
// Per-page or layout noise: refs change between pages, cursor/box with styling.
const DROPPED = new Set(['ref', 'cursor', 'box']);
const RESERVED = new Set(['role', 'name', 'children', 'diffStatus', 'previous', 'value', 'text']);

/** States are stored only when set, so "absent" is the single spelling of false. */
function applyAttribute(node: AriaNode, key: string, raw: string | undefined): void {
  if (DROPPED.has(key)) return;
  const value = raw === undefined || raw === '' ? 'true' : raw;
  if (value === 'false') return;
  if (TRISTATE.has(key)) node[key] = value === 'mixed' ? 'mixed' : true;
  else if (BOOLEAN_STATES.has(key)) node[key] = true;
  else if (key === 'invalid') node.invalid = value === 'true' ? true : value;
  else if (key === 'level') {
    const level = Number(value);
    if (Number.isFinite(level)) node.level = level;
  } else {
    const name = camelCase(key);
    if (!RESERVED.has(name)) node[name] = value === 'true' ? true : value;
  }
}

export function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
