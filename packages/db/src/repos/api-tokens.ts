import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { ApiToken, TokenScope } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../client.js';
import { newTokenId } from '../ids.js';
import { apiTokens, type ApiTokenRow } from '../schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
  };
}

const MAX_ID_ATTEMPTS = 5;

/** Stores a new token by its hash; `expiresInDays` counts from the database's clock, which checks expiry too. */
export async function createApiToken(
  db: Database,
  userId: string,
  input: { name: string; scopes: TokenScope[]; tokenHash: string; expiresInDays?: number },
): Promise<ApiToken> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db
        .insert(apiTokens)
        .values({
          id: newTokenId(),
          userId,
          name: input.name,
          tokenHash: input.tokenHash,
          scopes: input.scopes,
          expiresAt: input.expiresInDays === undefined ? null : sql`now() + make_interval(days => ${input.expiresInDays})`,
        })
        .returning();
      return toApiToken(row!);
    } catch (err) {
      // An id collision is retried; a hash collision of 256-bit random secrets does not happen.
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION || pgConstraint(err) !== 'api_tokens_pkey' || attempt >= MAX_ID_ATTEMPTS) throw err;
    }
  }
}

/** The account's tokens, oldest first (expired ones included: the list shows they expired). */
export async function listApiTokens(db: Database, userId: string): Promise<ApiToken[]> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  return rows.map(toApiToken);
}

/** Revokes (deletes) one of the account's tokens; false when it has no such token. */
export async function deleteApiToken(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId))).returning({ id: apiTokens.id });
  return rows.length > 0;
}

export interface ActiveApiToken {
  id: string;
  userId: string;
  scopes: TokenScope[];
  lastUsedAt: Date | null;
}

/** The unexpired token with this hash, if any (a revoked token no longer exists). */
export async function findActiveApiToken(db: Database, tokenHash: string): Promise<ActiveApiToken | undefined> {
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`))))
    .limit(1);
  return row;
}

/**
 * Records a use, at most once per `throttleSeconds` per token: the condition sits in the UPDATE, so API
 * replicas racing each other still write once.
 */
export async function touchApiToken(db: Database, id: string, throttleSeconds: number): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${throttleSeconds})`)),
      ),
    );
}
