import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@claude-scope/db/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(cwd: string, entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=source', entry], {
    cwd: path.join(ROOT, cwd),
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

export interface Stack {
  base: string;
  auth: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real API process and one worker process (every queue) on a fresh test database, a private queue prefix and
 * the services scripts/env.sh points at (Postgres, Redis, S3), signed up as one account: the pipeline as deployed.
 */
export async function startStack(): Promise<Stack> {
  const db = await createTestDatabase();
  const prefix = `bench-replay-${randomBytes(3).toString('hex')}`;
  const port = 32000 + Math.floor(Math.random() * 1000);
  const env = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_RATE_LIMIT_MAX: '1000',
    // The demo app listens on 127.0.0.1.
    PLAYWRIGHT_ALLOW_PRIVATE: 'true',
    WORKER_HEALTH_PORT: String(port + 1),
  };
  const api = start('services/api', 'src/server.ts', env);
  const worker = start('services/worker', 'src/main.ts', env);
  const base = `http://127.0.0.1:${port}`;
  const close = async () => {
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    await sleep(1500);
    api.kill('SIGKILL');
    worker.kill('SIGKILL');
    await db.drop().catch(() => {});
  };
  try {
    await waitHttp(`${base}/api/health`);
    await waitHttp(`http://127.0.0.1:${port + 1}/health`);
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench', email: `bench-${prefix}@example.com`, password: 'bench-password' }),
    });
    const auth = { authorization: `Bearer ${((await signup.json()) as { accessToken: string }).accessToken}` };
    return { base, auth, close };
  } catch (err) {
    await close();
    throw err;
  }
}
