import { authStore } from './auth-store';
import { ApiError, toApiError } from './errors';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** A rejected token ends the session everywhere: the app falls back to sign-in (see App). */
export function handleUnauthorized(status: number, hadToken: boolean): void {
  if (status === 401 && hadToken) authStore.clear('expired');
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  // Only paths under /api get the token: a next-page link to anywhere else is refused, not followed.
  if (!path.startsWith('/')) throw new ApiError(0, `Not following a link outside this app's API: ${path}`);
  const token = authStore.get()?.accessToken;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const request = fetch(`/api${path}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  return receive(request, Boolean(token));
}

async function receive(request: Promise<Response>, hadToken: boolean): Promise<Response> {
  let res: Response;
  try {
    res = await request;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw toApiError(0, null);
  }
  if (!res.ok) {
    handleUnauthorized(res.status, hadToken);
    throw toApiError(res.status, await res.json().catch(() => null));
  }
  return res;
}

/**
 * The JSON answer to a request sent without this client (index.html's early request for a session page, sent
 * with the stored token before the bundle has loaded), read as `api` reads its own: errors, a 401 and all.
 */
export async function apiResponse<T>(request: Promise<Response>): Promise<T> {
  const res = await receive(request, true);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** JSON request to `/api${path}` with the stored bearer token. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** One page of a paged list: the JSON plus where the next page is (null on the last page). */
export interface Page<T> {
  data: T;
  /** For `apiPage` again (a path under /api), or null when the response had no `Link: <…>; rel="next"`. */
  next: string | null;
}

/**
 * GET `/api${path}` as JSON and read the `Link` header's rel="next". `path` may be a previous page's
 * `next`, so following a link goes through the same client (bearer token, 401 handling).
 */
export async function apiPage<T>(path: string, opts: Pick<RequestOptions, 'signal'> = {}): Promise<Page<T>> {
  const res = await send(path, opts);
  const data = (await res.json()) as T;
  const link = linkRel(res.headers.get('link'), 'next');
  return { data, next: link === null ? null : toApiPath(link, path) };
}

/**
 * The target of the first link with relation `rel` in a `Link` header (RFC 8288): `<url>; rel="next"`,
 * several links separated by commas, `rel` possibly unquoted or a space-separated list. Null when none.
 */
export function linkRel(header: string | null, rel: string): string | null {
  if (!header) return null;
  const links = /<([^>]*)>((?:\s*;\s*[^\s;,=]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s;,]*))?)*)/g;
  const params = /;\s*([^\s;,=]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s;,]*))?/g;
  for (const [, target, paramText] of header.matchAll(links)) {
    for (const [, name, raw] of (paramText ?? '').matchAll(params)) {
      if (name!.toLowerCase() !== 'rel' || raw === undefined) continue;
      const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      if (value.toLowerCase().split(/\s+/).includes(rel.toLowerCase())) return target!.trim();
      break; // only the first rel parameter counts
    }
  }
  return null;
}

/**
 * A link from a response to `/api${from}` as a path for this client: relative links resolve against
 * that request's URL, same-origin ones under /api lose the prefix. Anything else is returned as the
 * absolute URL, which `send` refuses rather than hand the token to another server.
 */
export function toApiPath(link: string, from: string): string {
  const origin = typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? location.origin : 'http://localhost';
  const base = new URL(`/api${from}`, origin);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return link;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith('/api/')) return url.href;
  return url.pathname.slice('/api'.length) + url.search;
}

/** A binary resource behind auth (frame images), as a Blob for an object URL. */
export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return (await send(path, { signal })).blob();
}

export { ApiError };
