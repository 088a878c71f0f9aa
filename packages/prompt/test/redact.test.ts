import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, render } from '../src/index.js';
import { loginDashboardModal, n } from './fixtures/analysis.js';
import { ALL_ON, TARGETS } from './helpers.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

// [input, the secret that must disappear, text that must survive]
const SECRETS: [string, string, string][] = [
  ['login with password=hunter2! please', 'hunter2!', 'login with password='],
  ['https://app.test/cb?token=tok_123&page=2', 'tok_123', 'page=2'],
  ['https://app.test/reset?secret=s3cr3tvalue#x', 's3cr3tvalue', 'https://app.test/reset?secret='],
  ['POST /login body: {"email":"a@b.co","password":"hunter2"}', 'hunter2', '"email":"a@b.co"'],
  ["const cfg = { apiKey: 'abc123xyz' }", 'abc123xyz', 'const cfg ='],
  ['Password: hunter2!', 'hunter2!', 'Password:'],
  ['fill textbox "Password" with "correct horse battery"', 'correct horse battery', 'fill textbox "Password" with'],
  ['Authorization: Bearer abc.def.ghi', 'abc.def.ghi', 'Authorization: Bearer'],
  ['Authorization: Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz', 'Authorization: Basic'],
  ['fetch failed: Bearer 9f8e7d6c5b4a3f2e', '9f8e7d6c5b4a3f2e', 'fetch failed: Bearer'],
  [`cookie set: ${JWT} (expires)`, JWT, '(expires)'],
  ['OPENAI_API_KEY sk-proj-Abc123Def456Ghi789Jkl012', 'sk-proj-Abc123Def456Ghi789Jkl012', 'OPENAI_API_KEY'],
  ['anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-yz', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-yz', 'anthropic'],
  ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe'],
  ['github ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'github'],
  ['github github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuv', 'github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuv', 'github'],
  ['aws AKIAIOSFODNN7EXAMPLE in env', 'AKIAIOSFODNN7EXAMPLE', 'in env'],
  ['slack xoxb-123456789012-1234567890123-abcdefghij', 'xoxb-123456789012-1234567890123-abcdefghij', 'slack'],
  ['google AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'google'],
  ['db postgres://app:Sup3rS3cret@db.internal:5432/app', 'Sup3rS3cret', 'postgres://app:'],
  ['session X7kPq2LmN9vR4tYwZ8aB3cD6eF1gH5jK leaked', 'X7kPq2LmN9vR4tYwZ8aB3cD6eF1gH5jK', 'leaked'],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA', ''],
];

describe('redactSecrets', () => {
  it.each(SECRETS)('masks %j', (input, secret, kept) => {
    const out = redactSecrets(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
    expect(out).toContain(kept);
  });

  it.each([
    'click button "Sign in"',
    'Password: must be at least 8 characters',
    'error code=500 status failed',
    "TypeError: Cannot read properties of undefined (reading 'handleSubmitButtonClickEvent2')",
    'GET /orders/550e8400-e29b-41d4-a716-446655440000 → 404',
    'commit 8f14e45fceea167a5a36dedd4bea2543 deployed',
    'useInfiniteQueryObserverV5Result failed',
    'http://localhost:5173/dashboard?tab=orders&page=2',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    for (const [input] of SECRETS) expect(redactSecrets(redactSecrets(input))).toBe(redactSecrets(input));
  });
});

describe('secrets never reach a prompt', () => {
  const CANARY = 'sk-live-CANARY0123456789abcdefXYZ';
  const analysis = loginDashboardModal();
  analysis.title += ` ${CANARY}`;
  analysis.notes += `\napi_key=${CANARY}\nmy password CANARYhunter2 and card 4111 1111 1111 1111`;
  analysis.seedUrl += `?token=${CANARY}`;
  analysis.urls.push(`http://localhost:5173/x?password=${CANARY}`);
  const s = analysis.steps[3]!;
  s.pageTitle = `Dashboard ${CANARY}`;
  s.action = `click button "Sign in" Bearer ${CANARY}`;
  s.changes.push(`text "${CANARY}" appeared`);
  s.consoleErrors.push(`Error: auth failed for token=${CANARY}`);
  s.failedRequests.push({ method: 'POST', url: `http://localhost:5173/api?secret=${CANARY}`, status: 401, error: `Bearer ${CANARY}` });
  s.failure = `could not type ${CANARY}`;
  s.ariaTree.push(n('textbox', 'API key', { value: 'plain-looking-value' }), n('link', `Token ${CANARY}`, { url: `/t?token=${CANARY}` }));

  it.each(TARGETS)('%s', (target) => {
    const text = render(analysis, ALL_ON, target);
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('4111 1111');
    expect(text).not.toContain('plain-looking-value');
    expect(text).not.toContain('9f8e7d6c5b4a3f2e1d0c');
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });
});

describe('page-controlled text cannot slow a render', () => {
  it('a title of "a-" × 48 000 and other 100 kB strings render in well under a second', () => {
    const analysis = loginDashboardModal();
    const s = analysis.steps[1]!;
    s.pageTitle = 'a-'.repeat(48_000);
    s.url = `http://localhost:5173/?q=${'a:'.repeat(50_000)}`;
    s.consoleErrors.push('password='.repeat(10_000), '='.repeat(100_000));
    s.ariaTree.push(n('link', '@'.repeat(100_000)), n('textbox', 'Notes', { value: `${'1 '.repeat(50_000)}` }));
    analysis.notes = 'eyJ'.repeat(30_000);
    for (const target of TARGETS) {
      const start = performance.now();
      render(analysis, ALL_ON, target);
      expect(performance.now() - start, target).toBeLessThan(1000);
    }
  });
});
