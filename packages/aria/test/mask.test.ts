import type { AriaNode } from '@claude-scope/contracts';
import { describe, expect, it } from 'vitest';
import { diffTrees, MASK, maskSecrets, maskSecretText, parseAriaSnapshot } from '../src/index.js';
import { find, fixture } from './fixtures.js';

describe('maskSecretText', () => {
  it.each([
    ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U here', `token ${MASK} here`],
    ['Bearer token', 'Authorization: Bearer abc.DEF-123_xyz', `Authorization: Bearer ${MASK}`],
    ['Basic credentials', 'Basic dXNlcjpwYXNzd29yZA==', `Basic ${MASK}`],
    ['OpenAI key', 'key: sk-proj-4fG7hJ2kL9mN3pQ8rS1tV6wX0yZ5aB', `key: ${MASK}`],
    ['Anthropic key', 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx', MASK],
    ['Stripe key', 'sk_live_51HxYzAbCdEfGh', MASK],
    ['GitHub token', 'use ghp_16C7e42F292c6912E7710c838347Ae178B4a now', `use ${MASK} now`],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', MASK],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE', MASK],
    ['Slack token', 'xoxb-1234567890-abcdefghij', MASK],
    ['Google API key', 'AIzaSyD-1234567890abcdefghijklmnopqrstu', MASK],
    ['password= pair', 'https://x.test/login?user=bob&password=hunter2&next=/', `https://x.test/login?user=bob&password=${MASK}&next=/`],
    ['password: pair', 'password: hunter2', `password: ${MASK}`],
    ['quoted pair', 'api_key="abc def"', `api_key="${MASK}"`],
    ['access_token param', '#access_token=ya29.a0AfH6SMBx&expires_in=3599', `#access_token=${MASK}&expires_in=3599`],
    ['random token', 'session x7Gq9Lm2Vb8Nc4Rt6Yw1Zp3Ks5Hd0Fj', `session ${MASK}`],
    ['base64 secret', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', MASK],
  ])('masks a %s', (_, input, expected) => {
    expect(maskSecretText(input)).toBe(expected);
  });

  it.each([
    'Password: Required',
    'Enter your password',
    'Sign in with a passkey',
    'Order 550e8400-e29b-41d4-a716-446655440000',
    'https://example.com/docs/getting-started/Installation2024Guide',
    'handleSubmitButtonClick2EventListener',
    'installation-guide-2024-version-final-draft',
    'ORDER-2024-ABCD-1234-EFGH-5678',
    'Basic information',
    'Total: 42 # items',
    // Hex is far more often a commit hash or an id than a key: kept readable (the secrets package's rule).
    'commit 3f786850e387550fdab836ed7e6dc881',
    '',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(maskSecretText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = maskSecretText('password=hunter2 Bearer abcdefghij123 sk-proj-4fG7hJ2kL9mN3pQ8rS1tV6wX0yZ5aB');
    expect(maskSecretText(once)).toBe(once);
  });
});

describe('maskSecrets', () => {
  it('masks the value of password fields (shown by Chromium as plain textboxes) in the real form', () => {
    const tree = fixture('form-default');
    const masked = maskSecrets(tree);
    expect(find(masked, 'textbox', 'Password')?.value).toBe(MASK);
    expect(find(masked, 'textbox', 'Confirm password')?.value).toBe(MASK);
    expect(JSON.stringify(masked)).not.toContain('hunter2');
    expect(find(masked, 'textbox', 'Email')?.value).toBe('ada@example.com');
    expect(find(masked, 'main')!.children!.find((n) => typeof n.text === 'string' && n.text.startsWith('Token'))?.text).toBe(`Token: ${MASK}`);
    expect(find(tree, 'textbox', 'Password')?.value, 'input untouched').toBe('hunter2-S3cret!');
  });

  it('recognises password fields by placeholder, by the text before them, and other secret fields', () => {
    const tree = parseAriaSnapshot(
      [
        '- textbox "Sign-in":',
        '  - /placeholder: Your password',
        '  - text: pw1',
        '- group:',
        '  - text: Password',
        '  - textbox: pw2',
        '- textbox "PIN": "1234"',
        '- textbox "One-time code": "987654"',
        '- textbox "API key": abc',
        '- textbox "CVC": "123"',
        '- textbox "Passwort": pw3',
        '- textbox "Username": bob',
      ].join('\n'),
    );
    const values = (nodes: AriaNode[]): unknown[] => nodes.flatMap((n) => [...(n.value !== undefined ? [n.value] : []), ...values(n.children ?? [])]);
    expect(values(maskSecrets(tree))).toEqual([MASK, MASK, MASK, MASK, MASK, MASK, MASK, 'bob']);
  });

  it('masks names, texts, urls and the previous values of a diffed tree', () => {
    const prev = parseAriaSnapshot('- textbox "Password": old-secret\n- link "Reset":\n  - /url: /reset?token=abc123');
    const next = parseAriaSnapshot('- textbox "Password": new-secret\n- text: "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n- link "Reset":\n  - /url: /reset?token=def456');
    const masked = maskSecrets(diffTrees(prev, next).tree);
    const json = JSON.stringify(masked);
    expect(json).not.toMatch(/secret|ghp_|abc123|def456/);
    expect(masked[0]).toMatchObject({ value: MASK, diffStatus: 'changed', previous: { value: MASK } });
    expect(masked[1]).toMatchObject({ role: 'text', name: MASK, diffStatus: 'added' });
    expect(masked[2]).toMatchObject({ url: `/reset?token=${MASK}`, previous: { url: `/reset?token=${MASK}` } });
  });

  it('leaves an empty password field empty', () => {
    expect(maskSecrets(parseAriaSnapshot('- textbox "Password"'))).toEqual([{ role: 'textbox', name: 'Password' }]);
  });
});
