/**
 * What the error handler logs of a failing query: its SQLSTATE and the names of what it concerns (constraint,
 * table, column), with the stack's frames only. Drizzle's error (`Failed query: <sql> params: …`, and its stack,
 * which starts with that message) carries the statement and its parameters: password hashes, emails, notes,
 * typed timeline values; Postgres' own messages quote values too (`invalid input syntax …: "…"`). The logger's
 * `err` serializer (@claude-scope/secrets' loggableError) then masks secrets in whatever remains. Any other
 * error is returned as it is, unless a database error hides in its causes.
 */
export function withoutQuery(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err;
  const pg = databaseError(err);
  if (pg) return new DatabaseError(pg, err.stack);
  const { cause } = err as { cause?: unknown };
  if (cause === undefined || !hidesDatabaseError(cause, depth + 1)) return err;
  const copy = new Error(err.message, { cause: withoutQuery(cause, depth + 1) });
  copy.name = err.name;
  copy.stack = err.stack;
  return Object.assign(copy, pickStrings(err, ['code']));
}

/** A database error as logs may carry it (pino names it by its class: `DatabaseError`). */
class DatabaseError extends Error {
  constructor(pg: Record<string, unknown>, stack: string | undefined) {
    const fields = pickStrings(pg, ['code', 'severity', 'constraint', 'table', 'column', 'dataType', 'routine']);
    super(`database query failed${fields.code ? ` (SQLSTATE ${fields.code})` : ''}`);
    this.name = 'DatabaseError';
    Object.assign(this, fields);
    this.stack = `${this.name}: ${this.message}\n${framesOnly(stack)}`;
  }
}

/** The Postgres error behind `err`: drizzle's query error (its cause), or node-postgres' own. */
function databaseError(err: Error): Record<string, unknown> | undefined {
  const e = err as { query?: unknown; params?: unknown; cause?: unknown; severity?: unknown; code?: unknown };
  if (typeof e.query === 'string' && 'params' in e) {
    return e.cause && typeof e.cause === 'object' ? (e.cause as Record<string, unknown>) : {};
  }
  // node-postgres' DatabaseError: a severity and a five-character SQLSTATE.
  if (typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return e as Record<string, unknown>;
  }
  return undefined;
}

function hidesDatabaseError(err: unknown, depth: number): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  return databaseError(err) !== undefined || hidesDatabaseError((err as { cause?: unknown }).cause, depth + 1);
}

function pickStrings(from: object, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = (from as Record<string, unknown>)[key];
    if (typeof value === 'string' && value) out[key] = value;
  }
  return out;
}

/** A stack without its message lines (which repeat the message, SQL and parameters included). */
function framesOnly(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
