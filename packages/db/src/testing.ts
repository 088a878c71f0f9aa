import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, runMigrations } from './migrate.js';

/**
 * A fresh database per test file, cloned from a migrated template: test files run in parallel without
 * sharing rows, and cloning costs milliseconds where migrating would cost seconds.
 */
const TEMPLATE_LOCK_KEY = 7_215_390_042;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

async function ensureTemplate(admin: pg.Client, baseUrl: string): Promise<string> {
  const name = `cs_tpl_${migrationsHash()}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${name}_tmp"`).catch(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}_tmp" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${name}_tmp"`);
      });
      await runMigrations(withDatabase(baseUrl, `${name}_tmp`));
      // Renamed only once complete, so a crash mid-migration never leaves a half-built template.
      await admin.query(`ALTER DATABASE "${name}_tmp" RENAME TO "${name}"`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  }
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh migrated database (cloned from the template). */
export function createTestDatabase(baseUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  return makeDatabase(baseUrl, async (admin, url) => `TEMPLATE "${await ensureTemplate(admin, url)}"`);
}

/** An empty database (no migrations), for testing the migrator itself. */
export function createEmptyDatabase(baseUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  return makeDatabase(baseUrl, async () => '');
}

async function withAdmin<T>(baseUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function makeDatabase(
  baseUrl: string | undefined,
  source: (admin: pg.Client, baseUrl: string) => Promise<string>,
): Promise<TestDatabase> {
  if (!baseUrl) throw new Error('DATABASE_URL must be set for tests (run them through `make test`)');
  const name = `cs_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, async (admin) => {
    await admin.query(`CREATE DATABASE "${name}" ${await source(admin, baseUrl)}`);
  });
  return {
    name,
    url: withDatabase(baseUrl, name),
    drop: () => dropDatabase(baseUrl, name),
  };
}

/**
 * Drops a test database, closing what is still connected. FORCE may not terminate a backend of another
 * role (Postgres answers 42501, seen on a loaded machine), so that case is retried a few times and then left
 * for the next run's clean-up rather than failing the test file that only wanted to tidy up.
 */
async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(baseUrl, async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501') throw err;
      if (attempt >= 5) return;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
