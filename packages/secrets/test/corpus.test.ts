import { describe, expect, it } from 'vitest';
import { MASK, maskSecretText, REDACTED } from '../src/index.js';
import { NEAR_MISSES, SECRETS } from './fixtures/corpus.js';

describe('the corpus of secrets', () => {
  it.each(SECRETS)('masks a %s', (_kind, input, secret, kept) => {
    const out = maskSecretText(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(MASK);
    expect(out).toContain(kept);
  });

  it.each(SECRETS)('masks a %s with the prompt mask too, idempotently', (_kind, input, secret) => {
    const once = maskSecretText(input, { mask: REDACTED });
    expect(once).not.toContain(secret);
    expect(once).toContain(REDACTED);
    expect(maskSecretText(once, { mask: REDACTED })).toBe(once);
    expect(maskSecretText(maskSecretText(input))).toBe(maskSecretText(input));
  });
});

describe('near-misses', () => {
  it.each(NEAR_MISSES)('keeps %j verbatim', (text) => {
    expect(maskSecretText(text)).toBe(text);
  });
});

describe('shape of the output', () => {
  it.each([
    ['password=hunter2', `password=${MASK}`],
    ['"password": "hunter2"', `"password": "${MASK}"`],
    ['https://bob:hunter2@example.com/', `https://bob:${MASK}@example.com/`],
    ['Authorization: Bearer abc.DEF-123_xyz', `Authorization: Bearer ${MASK}`],
    ['Cookie: sid=abc; theme=dark', `Cookie: sid=${MASK}; theme=${MASK}`],
    ['Set-Cookie: sid=abc; Path=/; Secure', `Set-Cookie: sid=${MASK}; Path=/; Secure`],
    ['-----BEGIN EC PRIVATE KEY-----\nAAA\n-----END EC PRIVATE KEY-----\nnext', `${MASK}\nnext`],
    ['card 4111-1111-1111-1111.', `card ${MASK}.`],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc.', `jwt ${MASK}.`],
  ])('%j → %j', (input, expected) => {
    expect(maskSecretText(input)).toBe(expected);
  });
});
