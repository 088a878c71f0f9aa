/**
 * Whether a long token looks generated rather than written: random tokens switch between lower/upper/digit/symbol
 * on most adjacent pairs and use many distinct characters; identifiers (camelCase, kebab-case), hex ids, commit
 * hashes and UUIDs do not (hex has no upper case and is kept on purpose: it is far more often an id than a key).
 */
export function looksRandom(token: string): boolean {
  const s = token.replace(/=+$/, '');
  if (s.length < 24) return false;
  const hasLower = /[a-z]/.test(s);
  const hasUpper = /[A-Z]/.test(s);
  const hasDigit = /[0-9]/.test(s);
  if (!hasLower || !hasUpper || (!hasDigit && s.length < 32)) return false;
  return classSwitchRatio(s) >= 0.4 && entropy(s) >= 3.8;
}

function charClass(c: number): number {
  if (c >= 97 && c <= 122) return 0;
  if (c >= 65 && c <= 90) return 1;
  if (c >= 48 && c <= 57) return 2;
  return 3;
}

function classSwitchRatio(s: string): number {
  let switches = 0;
  for (let i = 1; i < s.length; i++) if (charClass(s.charCodeAt(i)) !== charClass(s.charCodeAt(i - 1))) switches++;
  return switches / (s.length - 1);
}

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
