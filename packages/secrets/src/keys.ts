/**
 * Which names in `name=value`, `name: value` and `name value` mark the value as a secret. Names are compared
 * lower-cased with `-`, `_` and `.` removed, so `client_secret`, `clientSecret` and `CLIENT-SECRET` are one name.
 */

// A name containing one of these is a secret's name (`aws_secret_access_key`, `refresh_token`, `X-Api-Key`).
const CONTAINS = /passw(?:or)?d|passphrase|passcode|secret(?!ar)|token|apikey|accesskey|privatekey|sessionid|sessid|credential|signature|cookie|authorization/;
// Short names that are secrets only as the whole name (`pw=`, `pin=`, `sig=`), never as part of a longer word.
const EXACT = new Set(['pw', 'pwd', 'pass', 'pin', 'otp', 'sid', 'sig', 'jwt', 'auth', 'key', 'session', 'ssn', 'cvv', 'cvc', 'code']);
// Names whose value is a secret even in prose, separated by a space: "my password hunter2", "PIN 4821".
const PROSE = /^(?:passw(?:or)?d|pw|pwd|passcode|passphrase|pin)$/;
// Names whose value may be a short number and still be the secret (a PIN, a one-time code).
const NUMERIC = /passw(?:or)?d|passcode|^(?:pw|pwd|pass|pin|otp|code|cvv|cvc|ssn)$/;

const normalise = (name: string) => name.toLowerCase().replace(/[-_.]/g, '');

export function isSecretName(name: string): boolean {
  const n = normalise(name);
  return EXACT.has(n) || CONTAINS.test(n);
}

/** `code` is an OAuth authorization code only as a query parameter (`?code=…`, `&code=…`), not "error code=500". */
export const QUERY_ONLY = new Set(['code']);

export const isProseName = (name: string) => PROSE.test(normalise(name));
export const isNumericSecretName = (name: string) => NUMERIC.test(normalise(name));
export const normaliseName = normalise;
