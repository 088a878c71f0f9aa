/**
 * What the API may log of an error. A failing query's error (drizzle's `Failed query: <sql> params: …`,
 * and its stack, which starts with that message) carries the statement's parameters: password hashes,
 * emails, notes, typed timeline values. Postgres' own messages and details quote values too
 * (`Key (email)=(…)`, `invalid input syntax …: "…"`). So a database error is logged as its SQLSTATE
 * and the names of what it concerns (constraint, table, column), with the stack's frames only.
 */
export function loggableError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: 'non-error thrown' };
  const pg = databaseError(err);
  if (pg) {
    const fields = pickStrings(pg, ['code', 'severity', 'constraint', 'table', 'column', 'dataType', 'routine']);
    return {
      type: 'DatabaseError',
      message: `database query failed${fields.code ? ` (SQLSTATE ${fields.code})` : ''}`,
      ...fields,
      stack: framesOnly(err.stack),
    };
  }
  const { cause, statusCode } = err as { cause?: unknown; statusCode?: unknown };
  return {
    type: err.name,
    message: err.message,
    ...pickStrings(err, ['code']),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    stack: err.stack,
    ...(cause !== undefined && depth < 5 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

/** The Postgres error behind `err`: drizzle's query error (its cause), or node-postgres' own. */
function databaseError(err: Error): Record<string, unknown> | undefined {
  const e = err as { query?: unknown; params?: unknown; cause?: unknown; severity?: unknown; code?: unknown };
  if (typeof e.query === 'string' && 'params' in e) {
    const cause = e.cause;
    return cause && typeof cause === 'object' ? (cause as Record<string, unknown>) : {};
  }
  // node-postgres' DatabaseError: a severity and a five-character SQLSTATE.
  if (typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return e as Record<string, unknown>;
  }
  return undefined;
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
function framesOnly(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
