import { spawnSync } from 'node:child_process';
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
    expect(res.stderr).toContain('WORKER_QUEUES must be a comma-separated list, each one of video, playwright, synthesize');
    expect(res.stderr).toContain('RETAIN_RECORDINGS must be true or false');
  });
});
