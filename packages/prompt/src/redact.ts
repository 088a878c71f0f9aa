/**
 * Masks credentials in free text before it reaches a prompt. Self-contained on purpose (packages/aria has its own
 * masker; they will be unified). Rules run from the most specific to the most general so that a known token format
 * is masked whole before the generic key=value and entropy rules look at what is left.
 */

export const REDACTED = '[REDACTED]';

// Key names whose value is a secret: anything containing one of these words, or exactly one of the short names.
const KEY_WORDS = String.raw`[A-Za-z0-9_.\-]*(?:passw(?:or)?d|passphrase|passcode|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|session[_\-]?id|sessid|signature|credential|private[_\-]?key|cookie)[A-Za-z0-9_.\-]*`;
const KEY_EXACT = String.raw`auth|key|sig|pass|pin|otp|sid|session|jwt`;
const KEY = String.raw`(?:${KEY_WORDS}|${KEY_EXACT})`;

type Rule = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const RULES: Rule[] = [
  // PEM private key blocks (possibly cut off before the END line).
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
  // https://user:password@host
  [/\b([a-z][a-z0-9+.\-]*:\/\/[^\s:/?#@]+:)[^\s@/?#]+@/gi, `$1${REDACTED}@`],
  // JSON Web Tokens: base64url header and payload both start with '{"' → "eyJ".
  [/\beyJ[A-Za-z0-9_\-]{4,}\.eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/g, REDACTED],
  // Vendor API keys with recognisable prefixes.
  [/\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_\-]{16,}/g, REDACTED], // OpenAI / Anthropic
  [/\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g, REDACTED], // Stripe secret / restricted
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED], // GitHub tokens
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\bglpat-[A-Za-z0-9_\-]{20,}/g, REDACTED], // GitLab
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[0-9A-Z]{16}\b/g, REDACTED], // AWS access key ids
  [/\bxox[abposr]-[A-Za-z0-9\-]{10,}/g, REDACTED], // Slack
  [/\bAIza[0-9A-Za-z_\-]{35}\b/g, REDACTED], // Google API keys
  // Authorization headers and bearer tokens.
  [/\b(Authorization\s*[:=]\s*)(?:(Basic|Bearer|Digest|Token)\s+)?[^\s,;"']+/gi, (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`],
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]{6,}=*/g, `$1 ${REDACTED}`],
  // "password": "…" and 'token': '…' (JSON, JS objects).
  [new RegExp(String.raw`(["'])(${KEY})\1(\s*:\s*)(["'])(?:(?!\4)[^\\\n]|\\.)*\4`, 'gi'), `$1$2$1$3$4${REDACTED}$4`],
  // apiKey: 'abc', password: "…" (unquoted key, quoted value: JS objects, YAML).
  [new RegExp(String.raw`(^|[\s{,(;])(${KEY})(\s*:\s*)(["'])(?!\[REDACTED\])(?:(?!\4)[^\\\n])+\4`, 'gim'), `$1$2$3$4${REDACTED}$4`],
  // password=… token=… in URLs, form bodies, cookies, env lines.
  [new RegExp(String.raw`(^|[?&;#\s"'{,(\[])(${KEY})(=)(?!\[REDACTED\])[^\s&#"',;)\]}]+`, 'gim'), `$1$2$3${REDACTED}`],
  // "Password: hunter2" — only when the value looks like a credential (has a digit or symbol), so that
  // validation messages such as "Password: must be 8 characters" stay readable.
  [
    new RegExp(String.raw`(^|[\s{,(;])(${KEY})(:[ \t]*)(?!\[REDACTED\])(?=[^\s"',;]*[0-9!@#$%^*_+=/\\\-])[^\s"',;]{6,}`, 'gim'),
    `$1$2$3${REDACTED}`,
  ],
  // Values typed into or shown for secret fields: fill textbox "Password" with "hunter2".
  [
    /((?:passw(?:or)?d|passphrase|passcode|pwd|secret|token|api[ _\-]?key|\bpin\b)[^"\n]{0,40}"[^"\n]{0,30}?\b(?:with|to|as|=|:)\s*")([^"\n]*)(")/gi,
    (m: string, head: string, value: string, tail: string) => (value === '' || value === REDACTED ? m : `${head}${REDACTED}${tail}`),
  ],
  // Anything else long and random-looking.
  [/[A-Za-z0-9_\-+]{24,}={0,2}/g, (m: string) => (looksRandom(m) ? REDACTED : m)],
];

// Every rule above needs one of these; text without any (most element names) skips the rule list entirely.
// (Two simple patterns are much faster than one long case-insensitive alternation.)
const TRIGGER_CHARS = /[=:]|[A-Za-z0-9_\-+]{24}/;
const TRIGGER_WORDS =
  /bearer|eyJ|sk-|[sr]k_|gh[pousr]_|github_pat|glpat|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|xox|AIza|BEGIN|pass|pwd|secret|token|key|pin/i;

export function redactSecrets(text: string): string {
  if (!TRIGGER_CHARS.test(text) && !TRIGGER_WORDS.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out = out.replace(pattern, replacement as (substring: string, ...args: unknown[]) => string);
  }
  return out;
}

/**
 * Random tokens switch between lower/upper/digit/symbol on most adjacent pairs and use many distinct characters;
 * identifiers (camelCase, kebab-case), hex ids and UUIDs do not. Measured: ~99 % of random base62/base64url tokens
 * of 24+ characters match, common code identifiers do not.
 */
function looksRandom(token: string): boolean {
  const s = token.replace(/=+$/, '');
  if (s.length < 24 || s.includes(REDACTED)) return false;
  const hasLower = /[a-z]/.test(s);
  const hasUpper = /[A-Z]/.test(s);
  const hasDigit = /[0-9]/.test(s);
  if (!hasLower || !hasUpper || (!hasDigit && s.length < 32)) return false;
  return classSwitchRatio(s) >= 0.4 && entropy(s) >= 3.8;
}

function charClass(c: string): number {
  if (c >= 'a' && c <= 'z') return 0;
  if (c >= 'A' && c <= 'Z') return 1;
  if (c >= '0' && c <= '9') return 2;
  return 3;
}

function classSwitchRatio(s: string): number {
  let switches = 0;
  for (let i = 1; i < s.length; i++) if (charClass(s[i]!) !== charClass(s[i - 1]!)) switches++;
  return switches / (s.length - 1);
}

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
