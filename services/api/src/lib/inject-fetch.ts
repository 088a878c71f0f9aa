import type { FastifyInstance } from 'fastify';
import type { FetchLike } from '@claude-scope/sdk';

/**
 * A fetch that answers through the app's own routes (`app.inject`): no socket, no second process, and every
 * route check (authentication, scopes, ownership, validation) applies exactly as for an outside caller.
 */
export function injectFetch(app: FastifyInstance): FetchLike {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(body ? { payload: body } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) out.append(k, String(one));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: out });
  };
}
