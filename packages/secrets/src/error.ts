import { maskSecretText } from './text.js';

/** Replaces an ORM query's parameters in a logged error (they are the row's values: hashes, emails, notes). */
export const OMITTED = '[omitted]';
const MAX_CAUSES = 8;

interface LoggableError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

const isErrorLike = (e: unknown): e is Error =>
  !!e && typeof e === 'object' && typeof (e as Error).message === 'string' && typeof (e as Error).stack === 'string';

// A failed query's error (drizzle's DrizzleQueryError) carries `query` and `params`, and its message repeats both.
const isQueryError = (e: Error): e is Error & { query: unknown; params: unknown } => 'params' in e && 'query' in e;

function ownMessage(e: Error): string {
  return isQueryError(e) ? `Failed query: ${String(e.query)}\nparams: ${OMITTED}` : e.message;
}

// A database's own detail names the offending values: `Key (email)=(ada@example.com) already exists.`
const scrubDetail = (s: string) => s.replace(/\)=\([^)\n]{0,2000}\)/g, `)=(${OMITTED})`);

/**
 * An error as it may be logged (a pino `err` serializer): type, message and stack with every cause, as pino
 * writes them, but with an ORM query's parameters omitted, a database's detail values omitted, and secrets
 * masked in every string. The error itself is left untouched.
 */
export function loggableError(err: unknown): unknown {
  if (!isErrorLike(err)) return err;
  const chain: Error[] = [];
  for (let e: unknown = err; isErrorLike(e) && chain.length < MAX_CAUSES && !chain.includes(e); e = (e as Error).cause) chain.push(e);
  const clean = (s: string) => maskSecretText(scrubDetail(s));
  const stacks = chain.map((e) => e.stack!.split(e.message).join(ownMessage(e)));
  const out: LoggableError = {
    type: err.constructor?.name ?? err.name,
    message: clean(chain.map(ownMessage).join(': ')),
    stack: clean(stacks.join('\ncaused by: ')),
  };
  for (const [key, value] of Object.entries(err)) {
    if (key === 'params' || key === 'cause' || key in out) continue;
    if (typeof value === 'string') out[key] = clean(value);
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}
