import { and, eq } from 'drizzle-orm';
import type { User } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../client.js';
import { newUserId } from '../ids.js';
import { toUser } from '../mappers.js';
import { externalIdentities, settings, users, type UserRow } from '../schema.js';

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
  }
}

const MAX_ID_ATTEMPTS = 5;

/** Creates the user and its settings row (with the defaults) in one transaction. */
export async function createUser(
  db: Database,
  input: { name: string; email: string; passwordHash: string | null; avatarUrl?: string | null },
  external?: { issuer: string; subject: string },
): Promise<User> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ id: newUserId(), name: input.name, email: input.email, passwordHash: input.passwordHash, avatarUrl: input.avatarUrl ?? null })
          .returning();
        await tx.insert(settings).values({ userId: row!.id });
        if (external) await tx.insert(externalIdentities).values({ ...external, userId: row!.id });
        return toUser(row!);
      });
    } catch (err) {
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      if (pgConstraint(err) === 'users_email_key') throw new EmailTakenError();
      if (pgConstraint(err) !== 'users_pkey') throw err; // e.g. the external identity, created meanwhile
      if (attempt >= MAX_ID_ATTEMPTS) throw err; // id collision retried, never surfaced unless absurdly unlucky
    }
  }
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ? toUser(row) : undefined;
}

/** The account an external identity (a token's iss + sub) signs in as, if it has one. */
export async function findExternalIdentity(db: Database, issuer: string, subject: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: externalIdentities.userId })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.issuer, issuer), eq(externalIdentities.subject, subject)))
    .limit(1);
  return row?.userId;
}

/**
 * The account of an external identity, created (with its settings, no password) on its first visit.
 * Two first requests racing each other end on the same account. An email already used by another
 * account is EmailTakenError: linking by email would hand that account to whoever the identity
 * provider says owns the address.
 */
export async function findOrCreateExternalUser(
  db: Database,
  identity: { issuer: string; subject: string },
  profile: { name: string; email: string; avatarUrl: string | null },
): Promise<string> {
  const known = await findExternalIdentity(db, identity.issuer, identity.subject);
  if (known) return known;
  try {
    return (await createUser(db, { ...profile, passwordHash: null }, identity)).id;
  } catch (err) {
    // A concurrent first request created it (its identity row or its email, from the same token).
    const raced = await findExternalIdentity(db, identity.issuer, identity.subject);
    if (raced) return raced;
    throw err;
  }
}
