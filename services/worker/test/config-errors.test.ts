import { spawnSync } from 'node:child_process';
import { JOB_NAMES } from '@claude-scope/pipeline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('worker start-up configuration', () => {
  it('refuses to start with a message naming every bad or missing variable', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
      cwd: WORKER_DIR,
      env: { PATH: process.env.PATH, REDIS_URL: 'redis://127.0.0.1:6379', WORKER_QUEUES: 'video,thumbnails', RETAIN_RECORDINGS: 'maybe' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain('DATABASE_URL is required');
    expect(res.stderr).toContain(`WORKER_QUEUES must be a comma-separated list, each one of ${JOB_NAMES.join(', ')}`);
    expect(res.stderr).toContain('RETAIN_RECORDINGS must be true or false');
  });

  it('refuses well-known S3 credentials in production', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
      cwd: WORKER_DIR,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', REDIS_URL: 'redis://127.0.0.1:1', S3_ACCESS_KEY_ID: 'claude-scope', S3_SECRET_ACCESS_KEY: 'claude-scope-secret' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain('S3_SECRET_ACCESS_KEY is a well-known default or placeholder, refused in production');
    expect(res.stderr).not.toContain('claude-scope-secret');
  });
});
