import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@claude-scope/db';
import { createEmptyDatabase, type TestDatabase } from '@claude-scope/db/testing';

const dbs: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
});

describe('runMigrations', () => {
  it('is safe when several replicas run it at once, and idempotent afterwards', async () => {
    const db = await createEmptyDatabase();
    dbs.push(db);
    // Four "replicas" start together: the advisory lock serialises them; none fails.
    await Promise.all([1, 2, 3, 4].map(() => runMigrations(db.url)));
    await runMigrations(db.url); // and once more later: nothing to do

    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const tables = await c.query(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['api_tokens', 'external_identities', 'frames', 'lane_results', 'sessions', 'settings', 'users']);
      const applied = await c.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      const journal = (await import('../drizzle/meta/_journal.json', { with: { type: 'json' } })).default as {
        entries: unknown[];
      };
      expect(applied.rows[0].n).toBe(journal.entries.length);
    } finally {
      await c.end();
    }
  });
});
