/** What replaces a secret. Six bullets: reads as a hidden password, and is never itself a match. */
export const MASK = '••••••';

type Rule = { pattern: RegExp; replace: (match: string, ...groups: string[]) => string };

// Provider key formats: recognisable by prefix, so no entropy guess is needed.
const PROVIDER_KEYS = [
  /\bsk-(?:proj-|ant-(?:api\d+-)?|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/g, // Stripe secret / restricted
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g, // GitLab
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key id
  /\bxox[abprse]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAIza[0-9A-Za-z_-]{35}/g, // Google API key
  /\bnpm_[A-Za-z0-9]{36}/g,
  /\bhf_[A-Za-z0-9]{30,}/g, // Hugging Face
];

const SECRET_NAME = String.raw`(?:[A-Za-z0-9]+[_-])*(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|auth|credentials?|signature|session[_-]?id)`;

const RULES: Rule[] = [
  // JWT: three base64url parts, the first two JSON objects (`eyJ` is `{"`).
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: () => MASK },
  { pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi, replace: (_, scheme) => scheme + MASK },
  { pattern: /\b(Basic\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/g, replace: (_, scheme) => scheme + MASK },
  ...PROVIDER_KEYS.map((pattern) => ({ pattern, replace: () => MASK })),
  // `password=…`, `token: …`, `?api_key=…`. After ':' prose is common ("Password: Required"),
  // so a letters-only value there is left alone.
  {
    pattern: new RegExp(String.raw`\b(${SECRET_NAME}["']?\s*(=|:)\s*)("[^"]*"|'[^']*'|[^\s&;,"'<>]+)`, 'gi'),
    replace: (match, prefix, sep, value) =>
      value === MASK || (sep === ':' && /^[A-Za-z]+$/.test(value) && value.length < 12) ? match : prefix + MASK,
  },
  { pattern: /[A-Za-z0-9_+/=-]{24,}/g, replace: (match) => (looksRandom(match) ? MASK : match) },
];

/** Replaces secret-looking substrings (JWTs, bearer tokens, API keys, `password=…`, random tokens). */
export function maskSecretText(s: string): string {
  let out = String(s ?? '');
  for (const { pattern, replace } of RULES) out = out.replace(pattern, replace as (m: string, ...g: unknown[]) => string);
  return out;
}

/** True for long strings that look like generated tokens rather than words, ids or slugs. */
function looksRandom(s: string): boolean {
  const token = s.replace(/=+$/, '');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return false; // UUIDs are ids
  const digits = (token.match(/[0-9]/g) ?? []).length;
  const letters = (token.match(/[A-Za-z]/g) ?? []).length;
  if (digits < 1 || letters < 4 || entropy(token) < 3) return false;
  if (/^[0-9a-f]+$/i.test(token)) return token.length >= 32; // hex keys and digests
  // Words, slugs and camelCase names split into long pieces (`handle`, `Submit`, `2024`);
  // random characters flip case and class every couple of characters.
  const pieces = token.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? [];
  return (letters + digits) / pieces.length < MAX_RANDOM_PIECE;
}

const MAX_RANDOM_PIECE = 3;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const freq = new Map<string, number>();
  for (const ch of s) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of freq.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}
