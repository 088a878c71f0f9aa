import { describe, expect, it } from 'vitest';
import { ConfigError, bool, int, loadConfig, oneOf, str, url, duration, list } from '@claude-scope/config';

const spec = {
  PORT: int({ default: 3000, min: 1, max: 65535 }),
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  JWT_SECRET: str({ minLength: 32, secret: true }),
  DEBUG: bool({ default: false }),
  ROLE: oneOf(['api', 'worker'] as const, { default: 'api' }),
  TTL: duration({ default: '7d' }),
  QUEUES: list(oneOf(['video', 'playwright'] as const), { default: ['video', 'playwright'] }),
};

describe('loadConfig', () => {
  it('applies defaults and parses values', () => {
    const c = loadConfig(spec, { DATABASE_URL: 'postgres://x@h/db', JWT_SECRET: 'x'.repeat(32), PORT: '8080', QUEUES: 'video' });
    expect(c).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://x@h/db',
      JWT_SECRET: 'x'.repeat(32),
      DEBUG: false,
      ROLE: 'api',
      TTL: '7d',
      QUEUES: ['video'],
    });
  });

  it('names every bad or missing variable at once, never echoing secrets', () => {
    let err: unknown;
    try {
      loadConfig(spec, { PORT: 'eighty', JWT_SECRET: 'short-secret', DEBUG: 'maybe', ROLE: 'boss' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('PORT must be an integer ≥ 1 ≤ 65535 (got "eighty")');
    expect(msg).toContain('DATABASE_URL is required');
    expect(msg).toContain('JWT_SECRET must be a string of at least 32 characters');
    expect(msg).not.toContain('short-secret');
    expect(msg).toContain('DEBUG must be true or false');
    expect(msg).toContain('ROLE must be one of api, worker');
    expect((err as ConfigError).problems).toHaveLength(5);
  });
});
