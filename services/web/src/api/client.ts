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
  const token = authStore.get()?.accessToken;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw toApiError(0, null);
  }
  if (!res.ok) {
    handleUnauthorized(res.status, Boolean(token));
    throw toApiError(res.status, await res.json().catch(() => null));
  }
  return res;
}

/** JSON request to `/api${path}` with the stored bearer token. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A binary resource behind auth (frame images), as a Blob for an object URL. */
export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return (await send(path, { signal })).blob();
}

export { ApiError };
