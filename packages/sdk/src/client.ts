import createFetchClient, { type Client } from 'openapi-fetch';
import { ApiError, expectOk } from './errors.js';
import type { paths } from './generated/openapi.js';
import { nextCursor } from './paging.js';
import type { ListSessionsQuery, ProcessingResponse, Session, StatusResponse } from './types.js';
import { multipartBody, type UploadFields, type UploadFile, type UploadProgress } from './upload.js';
import { pollUntilFinished, type WaitOptions } from './wait.js';

/** How requests leave: the platform's fetch, or e.g. one backed by Fastify's `app.inject` inside the API. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface ClientOptions {
  /** The API's origin, e.g. `http://localhost:3000` (a trailing `/api` is accepted too). */
  baseUrl: string;
  /** A sign-in JWT or an API token (`cs_pat_…`), sent as `Authorization: Bearer`. */
  token?: string;
  fetch?: FetchLike;
  /** Extra headers on every request (e.g. a user agent). */
  headers?: Record<string, string>;
}

export interface UploadOptions extends UploadFields {
  file: UploadFile;
  /** `false`: answer 202 at once and poll (see waitForSession); default: the API's synchronous wait. */
  wait?: boolean;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface SessionPage {
  sessions: Session[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface Helpers {
  /** `POST /api/recordings`, the file streamed with progress; 200 (processed) or 202 (processing), else ApiError. */
  uploadRecording(options: UploadOptions): Promise<ProcessingResponse>;
  /** Polls `GET /api/sessions/:id/status` every 2–3 s until the session is complete or failed. */
  waitForSession(sessionId: string, options?: WaitOptions): Promise<StatusResponse>;
  /** One page of `GET /api/sessions` and the cursor of the next (read from its `Link` header). */
  listSessionsPage(query?: ListSessionsQuery): Promise<SessionPage>;
  /** Every session matching the query, fetching pages of `limit` (default 100) as they are consumed. */
  iterateSessions(query?: Omit<ListSessionsQuery, 'cursor'>): AsyncGenerator<Session, void, undefined>;
}

export type ClaudeScopeClient = Client<paths, 'application/json'> & Helpers;

/** `https://host/api/` → `https://host`: the generated paths already start with /api. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
}

/**
 * The typed client: every route of the OpenAPI document as `client.GET('/api/sessions/{id}', …)` (openapi-fetch),
 * plus helpers where the raw API is awkward. All requests, the helpers' included, go through `options.fetch`.
 */
export function createClient(options: ClientOptions): ClaudeScopeClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  // Looked up per call, so a fetch replaced after creation (tests, polyfills) is the one used.
  const fetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const client = createFetchClient<paths, 'application/json'>({ baseUrl, fetch, headers });

  const helpers: Helpers = {
    async uploadRecording({ file, wait, onProgress, signal, ...fields }) {
      const { body, contentType } = multipartBody(fields, file, onProgress);
      const url = `${baseUrl}/api/recordings${wait === false ? '?wait=false' : ''}`;
      // `duplex` is Node's (undici's) RequestInit; the DOM lib's type lacks it, and packages that compile
      // this file with the DOM lib (the worker's tests reach it through the API) must accept it too.
      const init: RequestInit & { duplex: 'half' } = {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        body,
        duplex: 'half',
        ...(signal ? { signal } : {}),
      };
      const request = new Request(url, init);
      const response = await fetch(request);
      if (!response.ok) throw await ApiError.fromResponse(response);
      return (await response.json()) as ProcessingResponse;
    },

    waitForSession(sessionId, waitOptions) {
      const read = async () => expectOk(await client.GET('/api/sessions/{id}/status', { params: { path: { id: sessionId } } }));
      return pollUntilFinished(sessionId, read, waitOptions);
    },

    async listSessionsPage(query = {}) {
      const { data, error, response } = await client.GET('/api/sessions', { params: { query } });
      if (!response.ok || !data) throw ApiError.from(response, error);
      return { sessions: data, nextCursor: nextCursor(response.headers.get('link')) };
    },

    async *iterateSessions(query = {}) {
      let cursor: string | null = null;
      do {
        const page: SessionPage = await helpers.listSessionsPage({ limit: 100, ...query, ...(cursor ? { cursor } : {}) });
        yield* page.sessions;
        cursor = page.nextCursor;
      } while (cursor);
    },
  };
  return Object.assign(client, helpers);
}
