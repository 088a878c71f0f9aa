// Decoding of the YAML scalars Playwright emits (see yamlEscapeValueIfNeeded/KeyIfNeeded in
// playwright-core's isomorphic/yaml.ts): values are plain or double-quoted with C-style
// escapes, keys are plain or single-quoted with '' for a quote.

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Reads a double-quoted scalar starting at `start` (on the quote); tolerates a missing end quote. */
export function readDoubleQuoted(s: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"') return { value: out, end: i + 1 };
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = s[i + 1] ?? '';
    const hexLen = HEX_LENGTH[esc];
    const hex = hexLen ? s.slice(i + 2, i + 2 + hexLen) : '';
    if (hexLen && /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLen) {
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 2 + hexLen;
    } else {
      // Unknown escape: keep the character, as Playwright's own key parser does.
      out += ESCAPES[esc] ?? esc;
      i += 2;
    }
  }
  return { value: out, end: s.length };
}

/** Reads a single-quoted scalar starting at `start`; `''` is an escaped quote. */
export function readSingleQuoted(s: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "'") {
      if (s[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      return { value: out, end: i + 1 };
    }
    out += ch;
    i++;
  }
  return { value: out, end: s.length };
}

/** Decodes the value after `key:`; plain scalars drop a trailing ` # comment` like YAML does. */
export function decodeValue(raw: string): string {
  const s = raw.trim();
  if (s.startsWith('"')) return readDoubleQuoted(s, 0).value;
  if (s.startsWith("'")) return readSingleQuoted(s, 0).value;
  return s.replace(/(?:^|\s+)#.*$/, '');
}
