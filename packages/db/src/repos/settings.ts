import { eq, sql } from 'drizzle-orm';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { toSettings } from '../mappers.js';
import { settings } from '../schema.js';

/** The account's settings; a missing row (e.g. a user created before settings existed) reads as the defaults. */
export async function getSettings(db: Database, userId: string): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.userId, userId)).limit(1);
  return row ? toSettings(row) : { ...DEFAULT_SETTINGS };
}

export async function updateSettings(db: Database, userId: string, patch: SettingsPatch): Promise<Settings> {
  const [row] = await db
    .insert(settings)
    .values({ userId, ...patch })
    .onConflictDoUpdate({ target: settings.userId, set: { ...patch, updatedAt: sql`now()` } })
    .returning();
  return toSettings(row!);
}
