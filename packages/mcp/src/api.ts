/**
 * The REST calls the tools make, over any fetch: the API serves /mcp with a fetch backed by `app.inject`
 * (the caller's own Authorization header, so the routes enforce tenancy and scopes), the CLI with the
 * global fetch and the user's token. Errors keep the contract's `{ statusCode, error, message }`.
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Origin of the API, e.g. http://localhost:3000 (paths start with /api). */
  baseUrl: string;
  /** Sent as `Authorization` (e.g. `Bearer cs_pat_…`); omitted when undefined. */
  authorization?: string;
  fetch?: FetchLike;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T; headers: Headers } | { ok: false; status: number; error: ApiError };

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<ApiResult<T>>;
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    async get<T>(path: string, query: Query = {}): Promise<ApiResult<T>> {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      const qs = params.size ? `?${params.toString()}` : '';
      const headers: Record<string, string> = { accept: 'application/json' };
      if (opts.authorization) headers.authorization = opts.authorization;
      const res = await doFetch(`${base}${path}${qs}`, { method: 'GET', headers });
      const body = (await res.json().catch(() => null)) as unknown;
      if (res.ok) return { ok: true, status: res.status, data: body as T, headers: res.headers };
      const err = body as Partial<ApiError> | null;
      return {
        ok: false,
        status: res.status,
        error: {
          statusCode: res.status,
          error: typeof err?.error === 'string' ? err.error : res.statusText,
          message: typeof err?.message === 'string' ? err.message : `HTTP ${res.status}`,
        },
      };
    },
  };
}
