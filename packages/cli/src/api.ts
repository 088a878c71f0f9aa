import { createApiClient, type ApiClient, type FetchLike } from '@claude-scope/mcp';
import type { Settings } from './config.js';
import { CliError, EXIT, exitCodeFor } from './exit.js';

export type Query = Record<string, string | number | boolean | undefined>;

/** The REST API as the CLI uses it: errors become CliErrors whose exit code says what went wrong. */
export class Api {
  readonly url: string;
  private readonly token: string | undefined;

  constructor(settings: Pick<Settings, 'url' | 'token'>) {
    this.url = settings.url;
    this.token = settings.token;
  }

  requireToken(): string {
    if (!this.token) {
      throw new CliError(EXIT.AUTH, 'No token: set CLAUDE_SCOPE_TOKEN (an API token, cs_pat_…) or run `claude-scope login --save`.');
    }
    return this.token;
  }

  /** A fetch that names the API and its cause when the API cannot be reached. */
  readonly fetch: FetchLike = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(EXIT.NETWORK, `Cannot reach ${this.url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
  };

  async request(method: string, path: string, opts: { query?: Query; body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Response> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.size ? `?${params.toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${this.requireToken()}`, ...opts.headers };
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (opts.body !== undefined) {
      init.body = opts.body;
      if (opts.body instanceof ReadableStream) init.duplex = 'half';
    }
    const res = await this.fetch(`${this.url}${path}${qs}`, init);
    if (!res.ok && res.status !== 202) throw await apiError(res);
    return res;
  }

  async json<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<{ data: T; headers: Headers }> {
    const res = await this.request(method, path, {
      ...(opts.query ? { query: opts.query } : {}),
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body), headers: { 'content-type': 'application/json' } } : {}),
    });
    return { data: (res.status === 204 ? null : await res.json()) as T, headers: res.headers };
  }

  /** The MCP tools' client over the same URL and token. */
  mcpClient(): ApiClient {
    return createApiClient({ baseUrl: this.url, authorization: `Bearer ${this.requireToken()}`, fetch: this.fetch });
  }
}

async function apiError(res: Response): Promise<CliError> {
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof body?.message === 'string' ? body.message : res.statusText;
  const what =
    res.status === 401 ? 'The API refused the token (401): it is missing, expired or revoked' : res.status === 403 ? 'The token lacks the scope this needs (403)' : `API answered ${res.status}`;
  return new CliError(exitCodeFor(res.status), `${what}: ${message}`);
}
