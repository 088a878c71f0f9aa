import { SESSION_SORT_FIELDS, SORT_ORDERS } from '@claude-scope/contracts';
import { ApiError } from '@claude-scope/sdk';
import { cliError, ok, type Api } from '../api.js';
import { parse, sessionIdArg } from '../args.js';
import { EXIT, usage } from '../exit.js';
import { createOut } from '../output.js';

export async function sessions(api: Api, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(api, rest);
  if (sub === 'show') return show(api, rest);
  if (sub === 'delete') return remove(api, rest);
  throw usage('expected `sessions list`, `sessions show <id>` or `sessions delete <id>`');
}

async function list(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    status: { type: 'string' },
    q: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    sort: { type: 'string' },
    order: { type: 'string' },
  });
  if (positionals.length) throw usage('sessions list takes no arguments');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw usage('--limit must be an integer from 1 to 500');
  if (values.status !== undefined && !['processing', 'complete', 'error'].includes(values.status)) throw usage('--status must be processing, complete or error');
  const sort = oneOf('--sort', values.sort, SESSION_SORT_FIELDS);
  const order = oneOf('--order', values.order, SORT_ORDERS);
  const query = {
    limit,
    ...(values.status ? { status: values.status as 'processing' | 'complete' | 'error' } : {}),
    ...(values.q !== undefined ? { q: values.q } : {}),
    ...(values.cursor !== undefined ? { cursor: values.cursor } : {}),
    ...(sort ? { sort } : {}),
    ...(order ? { order } : {}),
  };
  const { sessions: data, nextCursor: next } = await api.sdk.listSessionsPage(query).catch((err: unknown) => {
    throw err instanceof ApiError ? cliError(err) : err;
  });
  const out = createOut(values.json === true);
  if (out.json) out.data({ sessions: data, nextCursor: next });
  else {
    if (!data.length) out.info('No sessions.');
    for (const s of data) out.result(`${s.id}  ${s.status.padEnd(10)}  ${String(s.frameCount).padStart(3)} frames  ${s.updatedAt}  ${s.title}`);
    // The cursor only works with the sort that wrote it (the API refuses another), so the hint repeats it.
    if (next) out.info(`More: claude-scope sessions list${sort ? ` --sort ${sort}` : ''}${order ? ` --order ${order}` : ''} --cursor ${next}`);
  }
  return EXIT.OK;
}

/** A flag limited to the contract's values: undefined when absent, a usage error (exit 2) naming them when wrong. */
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usage(`${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

async function show(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  const id = sessionIdArg(positionals);
  const s = ok(await api.sdk.GET('/api/sessions/{id}', { params: { path: { id } } }));
  const out = createOut(values.json === true);
  const { frames, prompt: _prompt, ...rest } = s;
  if (out.json) out.data({ ...rest, frames: frames.map(({ ariaTree: _t, thumbnailUrl: _u, ...f }) => f) });
  else {
    out.result(
      [
        `${s.id}  ${s.title}`,
        `status:     ${s.status}${s.lastError ? ` (${s.lastError})` : ''}`,
        `seed URL:   ${s.seedUrl ?? '—'}`,
        `agent:      ${s.agentTarget}`,
        `frames:     ${s.frameCount}   URLs: ${s.urlCount}   duration: ${s.duration.toFixed(1)} s   processing: ${s.processingTime} ms`,
        ...(s.notes ? [`notes:      ${s.notes}`] : []),
        `created:    ${s.createdAt}   updated: ${s.updatedAt}`,
        '',
        `claude-scope timeline ${s.id}    claude-scope prompt ${s.id}    claude-scope frames ${s.id} --out DIR`,
      ].join('\n'),
    );
  }
  return EXIT.OK;
}

async function remove(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  const id = sessionIdArg(positionals);
  ok(await api.sdk.DELETE('/api/sessions/{id}', { params: { path: { id } } }));
  const out = createOut(values.json === true);
  if (out.json) out.data({ deleted: id });
  else out.result(`Deleted ${id}.`);
  return EXIT.OK;
}
