import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, createUser, EmailTakenError, findExternalIdentity, findOrCreateExternalUser, type Database } from '@claude-scope/db';
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb({ url: testDb.url, max: 8 });
});

afterAll(async () => {
  await closeDb(db);
  await testDb.drop();
});

describe('findOrCreateExternalUser', () => {
  const idp = 'https://id.example.test/';

  it('creates one account per (issuer, subject), even when first requests race', async () => {
    const profile = { name: 'Racer', email: 'racer@example.test', avatarUrl: null };
    const ids = await Promise.all(Array.from({ length: 6 }, () => findOrCreateExternalUser(db, { issuer: idp, subject: 'racer' }, profile)));
    expect(new Set(ids).size).toBe(1);
    expect(await findExternalIdentity(db, idp, 'racer')).toBe(ids[0]);
    const { rows } = await db.$client.query('select count(*)::int as n from users where email = $1', ['racer@example.test']);
    expect(rows[0].n).toBe(1);
    const settings = await db.$client.query('select count(*)::int as n from settings where user_id = $1', [ids[0]]);
    expect(settings.rows[0].n).toBe(1);
  });

  it('keeps the same subject of another issuer apart, and never takes over an email in use', async () => {
    const a = await findOrCreateExternalUser(db, { issuer: idp, subject: 'same' }, { name: 'A', email: 'same-a@example.test', avatarUrl: null });
    const b = await findOrCreateExternalUser(db, { issuer: 'https://other.example.test/', subject: 'same' }, { name: 'B', email: 'same-b@example.test', avatarUrl: null });
    expect(a).not.toBe(b);
    await createUser(db, { name: 'Local', email: 'local@example.test', passwordHash: 'x' });
    await expect(findOrCreateExternalUser(db, { issuer: idp, subject: 'local' }, { name: 'L', email: 'local@example.test', avatarUrl: null })).rejects.toBeInstanceOf(EmailTakenError);
    expect(await findExternalIdentity(db, idp, 'local')).toBeUndefined();
  });
});
