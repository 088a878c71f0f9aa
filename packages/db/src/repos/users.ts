import { eq } from 'drizzle-orm';
import type { User } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../client.js';
import { newUserId } from '../ids.js';
import { toUser } from '../mappers.js';
import { settings, users, type UserRow } from '../schema.js';

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
  }
}

const MAX_ID_ATTEMPTS = 5;

/** Creates the user and its settings row (with the defaults) in one transaction. */
export async function createUser(
  db: Database,
  input: { name: string; email: string; passwordHash: string },
): Promise<User> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ id: newUserId(), name: input.name, email: input.email, passwordHash: input.passwordHash })
          .returning();
        await tx.insert(settings).values({ userId: row!.id });
        return toUser(row!);
      });
    } catch (err) {
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      if (pgConstraint(err) === 'users_email_key') throw new EmailTakenError();
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
