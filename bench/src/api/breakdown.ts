/**
 * Where the status route's time goes, piece by piece: `pnpm --filter @claude-scope/bench run bench:api:breakdown`.
 *
 * In one process, on a fresh test database, each piece of `GET /api/sessions/:id/status` runs alone in a loop
 * (10 at a time, like the default pool, unless the piece says otherwise) for a few seconds; reported are its
 * API-process CPU per operation, the Postgres CPU per operation and its throughput. No HTTP: the whole route over HTTP is what bench:api measures.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '@claude-scope/api/app';
import { loadApiConfig } from '@claude-scope/api/config';
import { getSessionStatus } from '@claude-scope/db';
import { startDatabase, type BenchDatabase } from './database.js';
import { postgresCpuSeconds, postgresCpuSince } from './cpu.js';

const SECONDS = Number(process.env.BENCH_BREAKDOWN_S ?? 3);
const CONCURRENCY = 10;

interface Piece {
  name: string;
  opsPerSec: number;
  apiCpuUsPerOp: number;
  postgresCpuUsPerOp: number;
}

async function loop(name: string, concurrency: number, op: () => Promise<unknown> | unknown): Promise<Piece> {
  const run = async (ms: number) => {
    let ops = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await op();
          ops++;
        }
      }),
    );
    return ops;
  };
  await run(500); // warm-up: JIT, pool connections
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds(testDb!.name);
  const t0 = performance.now();
  const ops = await run(SECONDS * 1000);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pg = postgresCpuSince(testDb!.name, pg0);
  const piece = {
    name,
    opsPerSec: Math.round(ops / wall),
    apiCpuUsPerOp: Math.round((cpu.user + cpu.system) / ops),
    postgresCpuUsPerOp: Math.round((pg * 1e6) / ops),
  };
  console.log(`| ${piece.name} | ${piece.apiCpuUsPerOp} | ${piece.postgresCpuUsPerOp} | ${piece.opsPerSec} |`);
  return piece;
}

const database = startDatabase();
let testDb: BenchDatabase | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let cleaning: Promise<unknown> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await app?.close().catch(() => {});
    await database.drop();
  })());
const abort = (reason: string) => {
  console.error(`breakdown: ${reason}, cleaning up`);
  void cleanup().finally(() => process.exit(1));
};
setTimeout(() => abort('time limit reached'), 90_000).unref();
process.once('SIGINT', () => abort('interrupted'));
process.once('SIGTERM', () => abort('terminated'));

try {
  testDb = await database.ready;
  const config = loadApiConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDb.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Production refuses s3rver's well-known key (scripts/env.sh); the bench never touches S3.
    S3_SECRET_ACCESS_KEY: randomBytes(16).toString('hex'),
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  });
  app = await buildApp({ config, redisNamespace: `bench-${randomBytes(4).toString('hex')}` });
  await app.ready();
  const signup = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: 'Bench', email: `bench-${randomBytes(4).toString('hex')}@example.com`, password: 'correct horse battery staple' },
  });
  const { accessToken: token, user } = signup.json() as { accessToken: string; user: { id: string } };
  const authorization = `Bearer ${token}`;
  const created = await app.inject({ method: 'POST', url: '/api/sessions', headers: { authorization }, payload: { title: 'Bench' } });
  const sessionId = (created.json() as { id: string }).id;
  await app.db.$client.query(
    `update sessions set processing_status = $2, processing_started_at = now() where id = $1`,
    [sessionId, { overallStage: 'analyzing', videoLane: { status: 'running', progress: 40 }, playwrightLane: { status: 'complete', progress: 100 }, synthesis: { status: 'pending', progress: 0 }, lastUpdated: new Date().toISOString() }],
  );
  const url = `/api/sessions/${sessionId}/status`;
  if ((await app.inject({ method: 'GET', url, headers: { authorization } })).statusCode !== 200) throw new Error('status route did not answer 200');
  // 49 more sessions, for polls that ask for different rows.
  const ids = [sessionId];
  for (let i = 0; i < 49; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: { authorization }, payload: { title: `Bench ${i}` } });
    ids.push((res.json() as { id: string }).id);
  }
  const a = app;

  console.log(`status route, piece by piece (${CONCURRENCY} at a time unless said, ${SECONDS} s each, in-process):\n`);
  console.log('| piece | API CPU µs/op | Postgres CPU µs/op | ops/s |');
  console.log('| --- | --- | --- | --- |');
  await loop('JWT verify (`app.jwt.verify`, HS256; the same token again, so a verifier-cache hit)', 1, () => a.jwt.verify(token));
  await loop('`select 1` through the pg pool', CONCURRENCY, () => a.db.$client.query('select 1'));
  // What getSessionStatus did before batching: one named prepared statement per poll.
  const single = {
    name: 'bench_session_status_single',
    text: 'select status, processing_status, processing_time, processing_started_at, last_error from sessions where id = $1 and user_id = $2 limit 1',
  };
  await loop('status query, one prepared statement per poll (before batching)', CONCURRENCY, () =>
    a.db.$client.query({ ...single, values: [sessionId, user.id] }),
  );
  await loop('`getSessionStatus` (batched), one session', CONCURRENCY, () => getSessionStatus(a.db, user.id, sessionId));
  await loop('`getSessionStatus` (batched), one session, 50 at a time', 50, () => getSessionStatus(a.db, user.id, sessionId));
  let next = 0;
  await loop('`getSessionStatus` (batched), 50 sessions in turn, 50 at a time', 50, () => getSessionStatus(a.db, user.id, ids[next++ % ids.length]!));
} catch (err) {
  console.error('breakdown: failed:', err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
