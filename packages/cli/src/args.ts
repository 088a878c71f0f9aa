import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usage } from './exit.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** node:util parseArgs, strict, with its errors as usage errors (exit 2). */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true, allowNegative: true });
  } catch (err) {
    throw usage((err as Error).message);
  }
}

export function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw usage(`expected ${what}`);
  return positionals[0]!;
}

export const SESSION_ID = /^sess_[A-Z0-9]{8}$/;

export function sessionIdArg(positionals: string[]): string {
  const id = one(positionals, 'one session id (sess_…)');
  if (!SESSION_ID.test(id)) throw usage(`${id} is not a session id (sess_ followed by 8 capitals or digits)`);
  return id;
}
