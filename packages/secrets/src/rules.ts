/**
 * The text-masking rules, most specific first, so that a known format is masked whole before the generic
 * `name=value` and entropy rules look at what is left.
 *
 * Linear time, by construction: every pattern starts at a literal prefix or at the start of a maximal run of its
 * own character class (a negative lookbehind on that class), and every quantifier is bounded. A failed attempt
 * therefore costs at most its bound, and a run of the class offers one start only — no pattern can backtrack
 * super-linearly, whatever the page wrote. What cannot be said with such a pattern is scanned by hand (PEM blocks,
 * `name=value` pairs). test/linear.test.ts feeds 1 MB adversarial inputs to every rule.
 */
import { isSecretField } from './field.js';
import { isMasked } from './mask.js';
import { isNumericSecretName, isProseName, isSecretName, normaliseName, QUERY_ONLY } from './keys.js';
import { luhnValid } from './luhn.js';
import { looksRandom } from './entropy.js';

export interface Rule {
  name: string;
  /** The rule's pattern (global), exposed so the linear-time test can run it alone. */
  pattern: RegExp;
  apply(text: string, mask: string): string;
}

type Groups = (string | undefined)[];

/** A rule that is one regex and a replacement deciding per match (returning the match keeps it). */
function regexRule(name: string, pattern: RegExp, replace: (mask: string, match: string, g: Groups, offset: number, text: string) => string): Rule {
  return {
    name,
    pattern,
    apply: (text, mask) =>
      text.replace(pattern, (match: string, ...rest: unknown[]) => {
        const input = rest[rest.length - 1] as string;
        const offset = rest[rest.length - 2] as number;
        return replace(mask, match, rest.slice(0, -2) as Groups, offset, input);
      }),
  };
}

const whole = (mask: string, match: string) => (isMasked(match) ? match : mask);

// PEM private keys: from the BEGIN line through the END line, or to the end of the text when it was cut off.
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
const pem: Rule = {
  name: 'pem-private-key',
  pattern: PEM_BEGIN,
  apply(text, mask) {
    let out = '';
    let pos = 0;
    PEM_BEGIN.lastIndex = 0;
    for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
      PEM_END.lastIndex = PEM_BEGIN.lastIndex;
      const end = PEM_END.exec(text);
      out += text.slice(pos, m.index) + mask;
      if (!end) return out; // no END line: everything after BEGIN is key material
      pos = PEM_BEGIN.lastIndex = PEM_END.lastIndex;
    }
    return pos === 0 ? text : out + text.slice(pos);
  },
};

// scheme://user:password@host — the user stays readable.
const urlCredentials = regexRule(
  'url-credentials',
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/?#@]{0,128}:)([^\s/?#@]{1,128})@/g,
  (mask, match, [head, password]) => (isMasked(password!) ? match : `${head}${mask}@`),
);

// JSON Web Tokens: base64url header and payload both start with '{"' → "eyJ"; a trailing full stop is prose.
const jwt = regexRule('jwt', /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_.-]{10,8192}/g, (mask, match) => {
  let end = match.length;
  while (end > 0 && match.charCodeAt(end - 1) === 46) end--; // by hand: /\.+$/ retries at every dot
  const token = match.slice(0, end);
  const parts = token.split('.');
  if (parts.length < 3 || !parts[1]!.startsWith('eyJ') || parts[0]!.length < 5 || parts[1]!.length < 5) return match;
  return mask + match.slice(token.length);
});

// Provider key formats: recognisable by prefix, so no entropy guess is needed.
const TOKEN_START = '(?<![A-Za-z0-9_-])';
const providerKey = (name: string, body: string) => regexRule(name, new RegExp(TOKEN_START + body, 'g'), whole);
const providerKeys: Rule[] = [
  providerKey('openai-anthropic', String.raw`sk-[A-Za-z0-9_-]{16,4096}`), // sk-…, sk-proj-…, sk-ant-…
  providerKey('stripe', String.raw`(?:[srp]k_(?:live|test)_[A-Za-z0-9]{10,4096}|whsec_[A-Za-z0-9]{20,4096})`),
  providerKey('github', String.raw`(?:gh[pousr]_[A-Za-z0-9]{20,4096}|github_pat_[A-Za-z0-9_]{20,4096})`),
  providerKey('gitlab', String.raw`glpat-[A-Za-z0-9_-]{20,4096}`),
  providerKey('slack', String.raw`xox[abprse]-[A-Za-z0-9-]{10,4096}`),
  providerKey('aws-access-key-id', String.raw`(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[0-9A-Z]{16}(?![A-Za-z0-9])`),
  providerKey('google', String.raw`AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`),
  providerKey('npm', String.raw`npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])`),
  providerKey('huggingface', String.raw`hf_[A-Za-z0-9]{30,4096}`),
  providerKey('claude-scope', String.raw`cs_pat_[A-Za-z0-9]{20,4096}`), // our own API tokens
];

// A word, not a credential: "Authorization: required", "the bearer of".
const plainWord = (value: string) => /^[A-Za-z]{1,19}$/.test(value);

// Authorization headers: the scheme stays, the credentials go.
const authorization = regexRule(
  'authorization-header',
  /(?<![A-Za-z0-9_-])((?:Proxy-)?Authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?)(?:(Basic|Bearer|Digest|Token|Negotiate|NTLM|ApiKey)[ \t]{1,3})?([^\s,;"']{1,4096})/gi,
  (mask, match, [head, scheme, value]) => {
    if (isMasked(value!) || (!scheme && plainWord(value!))) return match;
    return `${head}${scheme ? `${scheme} ` : ''}${mask}`;
  },
);

const bearer = regexRule(
  'bearer',
  /(?<![A-Za-z0-9_-])(Bearer[ \t]{1,3})([A-Za-z0-9._~+/-]{6,4096}={0,3})/gi,
  (mask, match, [head, value]) => (plainWord(value!) ? match : `${head}${mask}`),
);

// Basic credentials are base64 of `user:password`: decoded, they must be printable and hold a colon.
const basic = regexRule(
  'basic',
  /(?<![A-Za-z0-9_-])(Basic[ \t]{1,3})([A-Za-z0-9+/]{4,4096}={0,2})(?![A-Za-z0-9+/=])/gi,
  (mask, match, [head, value]) => (isBasicCredential(value!) ? `${head}${mask}` : match),
);

function isBasicCredential(b64: string): boolean {
  if (b64.length < 8 || b64.length % 4 !== 0) return false; // RFC 7617 credentials are padded base64
  let decoded: string;
  try {
    decoded = atob(b64);
  } catch {
    return false;
  }
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

// Cookie and Set-Cookie headers: every cookie value goes, the names and Set-Cookie attributes stay.
const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'priority', 'partitioned', 'secure', 'httponly']);
const cookie = regexRule(
  'cookie-header',
  /(?<![A-Za-z0-9_-])((?:Set-)?Cookie[ \t]{0,3}:[ \t]{0,3})([^\r\n]{1,4096})/gi,
  (mask, _match, [head, value]) =>
    head! +
    value!
      .split(';')
      .map((part) => {
        const eq = part.indexOf('=');
        if (eq < 0) return part;
        const name = part.slice(0, eq);
        const v = part.slice(eq + 1);
        return COOKIE_ATTRIBUTES.has(name.trim().toLowerCase()) || v.trim() === '' || isMasked(v) ? part : `${name}=${mask}`;
      })
      .join(';'),
);

// An action sentence: `fill textbox "Password" with "hunter2"` — the secret-field rule decides.
const fillAction = regexRule(
  'fill-action',
  /(?<![A-Za-z])(fill [a-z]{1,30} ")([^"\r\n]{0,300})(" with ")([^"\r\n]{0,4096})(")/g,
  (mask, match, [head, name, mid, value, tail]) =>
    value === '' || isMasked(value!) || !isSecretField(name) ? match : `${head}${name}${mid}${mask}${tail}`,
);

// Payment card numbers: 13–19 digits, whole or in groups, issuer digit 2–6, Luhn-valid, not one repeated digit.
const card = regexRule(
  'card-number',
  /(?<![0-9A-Za-z.,/-])(?:[0-9]{13,19}|[0-9]{3,7}(?:[ -][0-9]{3,7}){2,5})(?![0-9A-Za-z]|[.,/-][0-9])/g,
  (mask, match) => {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || !/^[2-6]/.test(digits) || /^(\d)\1+$/.test(digits)) return match;
    if (/ /.test(match) && /-/.test(match)) return match; // mixed separators: not how a card is written
    return luhnValid(digits) ? mask : match;
  },
);

// Long random-looking tokens that no rule above named: session ids, base64 keys.
const randomToken = regexRule('random-token', /(?<![A-Za-z0-9_+/=-])[A-Za-z0-9_+/-]{24,4096}={0,2}/g, (mask, match) =>
  looksRandom(match) ? mask : match,
);

export const RULES: readonly Rule[] = [
  pem,
  urlCredentials,
  jwt,
  ...providerKeys,
  authorization,
  bearer,
  basic,
  cookie,
  fillAction,
  assignmentRule(),
  card,
  randomToken,
];

/**
 * `name=value`, `name: value`, `"name": "value"` and, for password-like names, `name value` / `name is value`.
 * Scanned by hand around each occurrence of a secret-ish word: the name is the maximal run of name characters
 * around it (each run is looked at once, then skipped), the separator and value are read by a bounded sticky
 * pattern at the run's end.
 */
function assignmentRule(): Rule {
  const WORD = /pass|pw|pin|secret|token|key|auth|code|sid|sig|session|cookie|credential|jwt|otp|ssn|cv[cv]/gi;
  const VALUE = /(["']?)([ \t]{0,3}[=:][ \t]{0,3}|[ \t]{1,3}(?:(?:is|was)[ \t]{1,3})?)("[^"\r\n]{0,1024}"|'[^'\r\n]{0,1024}'|[^\s&;,"'<>?#)\]}]{1,1024})/y;
  const MAX_NAME = 64;
  const isNameChar = (c: number) =>
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;

  return {
    name: 'assignment',
    pattern: WORD,
    apply(text, mask) {
      const parts: string[] = [];
      let pos = 0; // text before pos is already in parts
      const names = new Map<string, SecretName | null>(); // page text repeats its names: decide each once
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
        let start = m.index;
        while (start > pos && isNameChar(text.charCodeAt(start - 1))) start--;
        let end = WORD.lastIndex;
        while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
        WORD.lastIndex = end; // the whole run is decided now
        if (end - start > MAX_NAME || (start === pos && pos > 0 && isNameChar(text.charCodeAt(pos - 1)))) continue;
        const name = text.slice(start, end);
        let kind = names.get(name);
        if (kind === undefined) names.set(name, (kind = secretName(name)));
        if (!kind) continue;
        VALUE.lastIndex = end;
        const v = VALUE.exec(text);
        if (!v || !shouldMask(kind, v[2]!, v[3]!, text.charCodeAt(start - 1))) continue;
        const raw = v[3]!;
        const quoted = raw[0] === '"' || raw[0] === "'";
        parts.push(text.slice(pos, end), v[1]!, v[2]!, quoted ? `${raw[0]}${mask}${raw[0]}` : mask);
        pos = WORD.lastIndex = VALUE.lastIndex;
      }
      if (pos === 0) return text;
      parts.push(text.slice(pos));
      return parts.join('');
    },
  };
}

/** What a secret name allows, decided once per name. */
interface SecretName {
  queryOnly: boolean;
  numeric: boolean;
  prose: boolean;
}

function secretName(name: string): SecretName | null {
  if (!/^[A-Za-z]/.test(name) || !isSecretName(name)) return null;
  return { queryOnly: QUERY_ONLY.has(normaliseName(name)), numeric: isNumericSecretName(name), prose: isProseName(name) };
}

function shouldMask(name: SecretName, sep: string, raw: string, before: number): boolean {
  const quoted = raw[0] === '"' || raw[0] === "'";
  const value = quoted ? raw.slice(1, -1) : raw;
  if (value.trim() === '' || isMasked(value)) return false;
  // `?code=…` is an OAuth code; "error code=500" is not.
  if (name.queryOnly && !(before === 63 || before === 38 || before === 35)) return false;
  // `max_tokens=100`, `key=1`: a short number is a secret only for PINs, codes and passwords.
  if (!name.numeric && /^\d{1,6}$/.test(value)) return false;
  const kind = sep.trim();
  if (kind === '=') return true;
  if (kind === ':') return quoted || looksLikeSecretWord(value, name);
  // Prose: "my password hunter2", "password is hunter2", "PIN 4821".
  return name.prose && looksLikeSecretWord(value, name);
}

/**
 * After `:` or a space a word is usually prose ("Password: Required", "Password reset"); a credential has a digit,
 * a symbol or a case change inside it ("hunter2", "S3cret!", "correctHorse").
 */
function looksLikeSecretWord(raw: string, name: SecretName): boolean {
  // Surrounding punctuation is prose, not part of the word: "(required)", "hunter2." (trimmed by hand: linear).
  let a = 0;
  let b = raw.length;
  while (a < b && LEADING.has(raw[a]!)) a++;
  while (b > a && TRAILING.has(raw[b - 1]!)) b--;
  const value = raw.slice(a, b);
  if (/^\d+$/.test(value)) return value.length >= 4 && name.numeric;
  if (value.length < 4) return false;
  return /[0-9]/.test(value) || /[^A-Za-z0-9]/.test(value) || /[a-z][A-Z]/.test(value);
}

const LEADING = new Set(['(', '"', "'", '[']);
const TRAILING = new Set([')', '"', "'", '.', ',', '!', '?', ':', ';', ']']);
