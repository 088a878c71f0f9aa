import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@claude-scope/db/testing';
import { startProcess, waitHttp } from './procs.js';

export interface StackOptions {
  /** Worker processes (every queue) started with the API; bench:scale starts its own per round with `startWorkers`. */
  workers?: number;
  /** More environment for every process: the limits a bench lifts. */
  env?: Record<string, string>;
  /** How long a process may take to answer its health check (a loaded machine compiles the sources slowly). */
  upTimeoutMs?: number;
}

export interface Stack {
  base: string;
  auth: { authorization: string };
  api: ChildProcess;
  workers: ChildProcess[];
  /** Starts `n` more worker processes and resolves once each answers its health check. */
  startWorkers(n: number): Promise<ChildProcess[]>;
  /** Stops processes gracefully (SIGTERM, SIGKILL after 10 s) and waits for them to exit. */
  stopProcesses(ps: readonly ChildProcess[]): Promise<void>;
  /** Stops every process and drops the database. */
  close(): Promise<void>;
}

/**
 * The service as deployed, for the benchmarks: a real API process and worker processes (each from its sources via
 * tsx) on a fresh test database, a private queue prefix and the services scripts/env.sh points at (Postgres, Redis,
 * S3), signed up as one account. One definition, so every bench measures the same stack.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const upTimeoutMs = opts.upTimeoutMs ?? 240_000;
  const db = await createTestDatabase();
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const port = 31000 + Math.floor(Math.random() * 2000);
  const env = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    JWT_SECRET: `bench-${randomBytes(24).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_RATE_LIMIT_MAX: '100000',
    // The demo app listens on 127.0.0.1.
    PLAYWRIGHT_ALLOW_PRIVATE: 'true',
    ...opts.env,
  };
  const base = `http://127.0.0.1:${port}`;
  const api = startProcess('services/api', 'src/server.ts', env);
  const workers: ChildProcess[] = [];
  let healthPorts = 0;

  const stopProcesses = async (ps: readonly ChildProcess[]): Promise<void> => {
    await Promise.all(
      ps.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const kill = setTimeout(() => p.kill('SIGKILL'), 10_000);
            p.once('exit', () => (clearTimeout(kill), resolve()));
            p.kill('SIGTERM');
          }),
      ),
    );
  };
  const startWorkers = async (n: number): Promise<ChildProcess[]> => {
    const healthUrls: string[] = [];
    const started = Array.from({ length: n }, () => {
      const healthPort = port + 1 + healthPorts++;
      healthUrls.push(`http://127.0.0.1:${healthPort}/health`);
      return startProcess('services/worker', 'src/main.ts', { ...env, WORKER_HEALTH_PORT: String(healthPort) });
    });
    workers.push(...started);
    await Promise.all(healthUrls.map((u) => waitHttp(u, upTimeoutMs)));
    return started;
  };
  const close = async () => {
    await stopProcesses([api, ...workers]);
    await db.drop().catch(() => {});
  };

  try {
    await waitHttp(`${base}/api/health`, upTimeoutMs);
    await startWorkers(opts.workers ?? 1);
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench', email: `bench-${prefix}@example.com`, password: 'bench-password' }),
    });
    if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${await signup.text()}`);
    const auth = { authorization: `Bearer ${((await signup.json()) as { accessToken: string }).accessToken}` };
    return { base, auth, api, workers, startWorkers, stopProcesses, close };
  } catch (err) {
    await close();
    throw err;
  }
}
