import type { ClaudeScopeClient } from '@claude-scope/sdk';
import type { SessionSortField, SortOrder } from '@claude-scope/contracts';

/**
 * The tools read the REST API through the typed SDK client, over whatever fetch it was made with: the API
 * serves /mcp with one backed by `app.inject` and the caller's own token (so the routes enforce tenancy and
 * scopes), the CLI with the network and the user's token.
 */
export type ApiClient = ClaudeScopeClient;

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T; headers: Headers } | { ok: false; status: number; error: ApiError };

/**
 * An openapi-fetch answer as a result the tools branch on. `T` is the contract's type (packages/contracts,
 * from which the OpenAPI document and so the SDK's types are generated).
 */
export function read<T>(r: { data?: unknown; error?: unknown; response: Response }): ApiResult<T> {
  const { response } = r;
  if (response.ok) return { ok: true, status: response.status, data: r.data as T, headers: response.headers };
  const body = (r.error ?? null) as Partial<ApiError> | null;
  return {
    ok: false,
    status: response.status,
    error: {
      statusCode: response.status,
      error: typeof body?.error === 'string' ? body.error : response.statusText,
      message: typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`,
    },
  };
}

/** The routes the tools read, typed by the SDK, answered in the contract's types. */
export const routes = {
  list: (
    api: ApiClient,
    query: {
      status?: 'processing' | 'complete' | 'error' | undefined;
      q?: string | undefined;
      limit: number;
      cursor?: string | undefined;
      sort?: SessionSortField | undefined;
      order?: SortOrder | undefined;
    },
  ) =>
    api.GET('/api/sessions', { params: { query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) } }),
  session: (api: ApiClient, id: string) => api.GET('/api/sessions/{id}', { params: { path: { id } } }),
  status: (api: ApiClient, id: string) => api.GET('/api/sessions/{id}/status', { params: { path: { id } } }),
  steps: (api: ApiClient, id: string) => api.GET('/api/sessions/{id}/steps', { params: { path: { id } } }),
  prompt: (api: ApiClient, id: string, agentTarget?: 'CLAUDE_CODE' | 'CODEX' | 'CURSOR' | 'RAW') =>
    api.GET('/api/sessions/{id}/prompt', { params: { path: { id }, ...(agentTarget ? { query: { agentTarget } } : {}) } }),
};
