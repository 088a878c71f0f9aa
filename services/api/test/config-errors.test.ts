import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('API start-up configuration', () => {
  it('refuses to start with a message naming every bad or missing variable (and no secret values)', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/server.ts'], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', REDIS_URL: 'redis://127.0.0.1:6379', PORT: 'eighty', JWT_SECRET: 'short-secret-value' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain('Invalid configuration');
    expect(res.stderr).toContain('DATABASE_URL must be a URL (postgres, postgresql)');
    expect(res.stderr).toContain('PORT must be an integer');
    expect(res.stderr).toContain('JWT_SECRET must be a string of at least 32 characters');
    expect(res.stderr).not.toContain('short-secret-value');
  });

  it('refuses well-known secrets in production, naming each variable (and no value)', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/server.ts'], {
      cwd: API_DIR,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
        REDIS_URL: 'redis://127.0.0.1:1',
        // What docker-compose.yml used to ship, MinIO's default, and placeholders.
        JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more',
        S3_SECRET_ACCESS_KEY: 'minioadmin',
        METRICS_TOKEN: 'changeme',
        ADMIN_USER: 'admin',
        ADMIN_PASSWORD: 'REPLACE_ME',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(78);
    for (const name of ['JWT_SECRET', 'S3_SECRET_ACCESS_KEY', 'METRICS_TOKEN', 'ADMIN_PASSWORD']) {
      expect(res.stderr).toContain(`${name} is a well-known default or placeholder, refused in production`);
    }
    expect(res.stderr).not.toMatch(/change-me-to|minioadmin|REPLACE_ME/);
  });
});
