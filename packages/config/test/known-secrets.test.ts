import { describe, expect, it } from 'vitest';
import { ConfigError, isKnownDefaultSecret, KNOWN_DEFAULT_SECRETS, loadConfig, optionalStr, str } from '@claude-scope/config';

const spec = {
  JWT_SECRET: str({ minLength: 32, secret: true }),
  ADMIN_PASSWORD: { ...optionalStr(), secret: true },
  ADMIN_USER: optionalStr(),
};
const RANDOM = 'q3J0f9Zb+2m1VxK7pL4wYt8sNcR6hE5dUoA0iGjB';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(spec, env);
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('well-known secrets', () => {
  it('knows the shipped defaults and the usual placeholders, whatever their case or padding', () => {
    for (const s of KNOWN_DEFAULT_SECRETS) expect(isKnownDefaultSecret(s), s).toBe(true);
    for (const s of [' ChangeMe ', 'replace-with-a-random-secret', 'your-secret-here', '<generate one>', 'a'.repeat(40), 'abababababababababababababababab', 'xxxxxxxx'])
      expect(isKnownDefaultSecret(s), s).toBe(true);
    for (const s of [RANDOM, 'f3a9c2e71b6d04587ae9c3b2d1f0e6a7', 'correct-horse-battery-staple-9']) expect(isKnownDefaultSecret(s), s).toBe(false);
  });

  it('production refuses a known secret and names the variable, never its value', () => {
    const msg = problems({ NODE_ENV: 'production', JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more', ADMIN_USER: 'ops', ADMIN_PASSWORD: 'admin' });
    expect(msg).toContain('JWT_SECRET is a well-known default or placeholder, refused in production');
    expect(msg).toContain('ADMIN_PASSWORD is a well-known default or placeholder');
    expect(msg).not.toContain('change-me-to-a-long');
    expect(msg).not.toMatch(/"admin"/);
    // Missing and short are refused everywhere.
    expect(problems({ NODE_ENV: 'production' })).toContain('JWT_SECRET is required');
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toContain('JWT_SECRET must be a string of at least 32 characters');
  });

  it('lets development and tests use them, and production its own secrets', () => {
    expect(problems({ NODE_ENV: 'development', JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long' })).toBe('');
    expect(problems({ JWT_SECRET: 'x'.repeat(32) })).toBe('');
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: RANDOM, ADMIN_PASSWORD: 'Tr0ub4dor&3-horse-staple' })).toBe('');
  });
});
