import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { AGENT_TARGETS, INT32_MAX, SESSION_STATUSES } from '@claude-scope/contracts';
import type { Session, SessionSortField, SessionStatus, SortOrder } from '@claude-scope/contracts';
import type { Database } from '../client.js';
import { toSession } from '../mappers.js';
import { sessions, type SessionRow } from '../schema.js';

export interface ListOptions {
  status?: SessionStatus;
  q?: string;
  limit?: number;
  cursor?: string;
  /** (ext) The field to order by; ties go by id in the same direction. Default: updatedAt. */
  sort?: SessionSortField;
  /** Default: desc for times and numbers, asc for text. */
  order?: SortOrder;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid');
  }
}

type CursorValue = string | number;

/**
 * Per sort field: the SQL it orders by (with its cast for the cursor's value), the row's value, and which values a
 * cursor may carry. Only a value this module could have written passes: anything else would fail in Postgres.
 */
interface SortSpec {
  expr: SQL;
  cast: (v: CursorValue) => SQL;
  valueOf: (row: SessionRow) => CursorValue;
  valid: (v: unknown) => boolean;
  defaultOrder: SortOrder;
}

// What toISOString writes, with a 4-digit year (Postgres refuses years JavaScript accepts, e.g. +275760, -000001).
const CURSOR_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;
const CURSOR_ID = /^sess_[A-Z0-9]{8}$/;
const validTime = (v: unknown) =>
  typeof v === 'string' &&
  CURSOR_TIME.test(v) &&
  !v.startsWith('0000') &&
  // A real date: JavaScript rolls 2020-02-30 over to March 1st, Postgres refuses it.
  new Date(v).toISOString() === v;
// Text Postgres can store (no U+0000, no lone surrogates), as long as a title may be.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const validText = (v: unknown) => typeof v === 'string' && !v.includes('\u0000') && !LONE_SURROGATE.test(v) && [...v].length <= 500;
const validNumber = (integer: boolean) => (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= INT32_MAX && (!integer || Number.isInteger(v));

const time = (column: typeof sessions.createdAt | typeof sessions.updatedAt, key: 'createdAt' | 'updatedAt'): SortSpec => ({
  expr: sql`${column}`,
  cast: (v) => sql`${v}::timestamptz`,
  valueOf: (row) => row[key].toISOString(),
  valid: validTime,
  defaultOrder: 'desc',
});
const enumText = (key: 'agentTarget' | 'status', values: readonly string[]): SortSpec => ({
  expr: sql`${sessions[key]}`,
  cast: (v) => sql`${v}::text`,
  valueOf: (row) => row[key],
  valid: (v) => typeof v === 'string' && values.includes(v),
  defaultOrder: 'asc',
});

const SORTS: Record<SessionSortField, SortSpec> = {
  updatedAt: time(sessions.updatedAt, 'updatedAt'),
  createdAt: time(sessions.createdAt, 'createdAt'),
  // Case-insensitive, as a person reads a list of titles; the cursor carries the title and is lowered the same way.
  title: { expr: sql`lower(${sessions.title})`, cast: (v) => sql`lower(${v}::text)`, valueOf: (r) => r.title, valid: validText, defaultOrder: 'asc' },
  agentTarget: enumText('agentTarget', AGENT_TARGETS),
  status: enumText('status', SESSION_STATUSES),
  duration: { expr: sql`${sessions.duration}`, cast: (v) => sql`${v}::double precision`, valueOf: (r) => r.duration, valid: validNumber(false), defaultOrder: 'desc' },
  frameCount: { expr: sql`${sessions.frameCount}`, cast: (v) => sql`${v}::integer`, valueOf: (r) => r.frameCount, valid: validNumber(true), defaultOrder: 'desc' },
};

/**
 * The default order's cursor stays `[updatedAt, id]`; any other carries its sort as well, `[field, order, value, id]`,
 * so a cursor used with another sort than the one that wrote it is refused rather than skipping rows.
 */
export function encodeCursor(row: SessionRow, field: SessionSortField = 'updatedAt', order: SortOrder = 'desc'): string {
  const value = SORTS[field].valueOf(row);
  const parts = field === 'updatedAt' && order === 'desc' ? [value, row.id] : [field, order, value, row.id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string, field: SessionSortField, order: SortOrder): { value: CursorValue; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed)) throw new InvalidCursorError();
  const isDefault = field === 'updatedAt' && order === 'desc';
  const parts = parsed as unknown[];
  if (isDefault ? parts.length !== 2 : parts.length !== 4 || parts[0] !== field || parts[1] !== order) throw new InvalidCursorError();
  const [value, id] = parts.slice(-2);
  if (!SORTS[field].valid(value) || typeof id !== 'string' || !CURSOR_ID.test(id)) throw new InvalidCursorError();
  return { value: value as CursorValue, id };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The account's sessions in the asked order (most recently updated first by default); with `limit`, one page and the
 * cursor of the next (if any). Keyset paging on (sort value, id): no gaps or repeats while rows stay put.
 */
export async function listSessions(
  db: Database,
  userId: string,
  opts: ListOptions = {},
): Promise<{ sessions: Session[]; nextCursor: string | null }> {
  const field = opts.sort ?? 'updatedAt';
  const spec = SORTS[field];
  const order = opts.order ?? spec.defaultOrder;
  const dir = order === 'asc' ? asc : desc;
  const where: SQL[] = [eq(sessions.userId, userId)];
  if (opts.status) where.push(eq(sessions.status, opts.status));
  if (opts.q) where.push(ilike(sessions.title, `%${escapeLike(opts.q)}%`));
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, field, order);
    const after = order === 'asc' ? sql`>` : sql`<`;
    where.push(sql`(${spec.expr}, ${sessions.id}) ${after} (${spec.cast(c.value)}, ${c.id}::text)`);
  }
  const query = db
    .select()
    .from(sessions)
    .where(and(...where))
    .orderBy(dir(spec.expr), dir(sessions.id));
  const rows = opts.limit ? await query.limit(opts.limit + 1) : await query;
  let nextCursor: string | null = null;
  if (opts.limit && rows.length > opts.limit) {
    rows.length = opts.limit;
    nextCursor = encodeCursor(rows[rows.length - 1]!, field, order);
  }
  const now = Date.now();
  return { sessions: rows.map((r) => toSession(r, now)), nextCursor };
}
