import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface DbOptions {
  url: string;
  max?: number;
  /** Fail fast when Postgres is down, so the API can answer 503 instead of hanging. */
  connectionTimeoutMillis?: number;
  applicationName?: string;
}

export function createDb(opts: DbOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5_000,
    application_name: opts.applicationName ?? 'claude-scope',
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as Database;
}

export async function closeDb(db: Database): Promise<void> {
  await db.$client.end();
}

/** Postgres error codes the services react to. */
export const PG_UNIQUE_VIOLATION = '23505';

export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; cause?: { constraint?: unknown } } | null;
  const c = e?.constraint ?? e?.cause?.constraint;
  return typeof c === 'string' ? c : undefined;
}
