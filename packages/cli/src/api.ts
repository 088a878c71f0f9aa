import { ApiError, createClient, type ClaudeScopeClient, type FetchLike } from '@claude-scope/sdk';
import type { Settings } from './config.js';
import { CliError, EXIT, exitCodeFor } from './exit.js';

/** The typed SDK client over the user's URL and token; network failures and API errors become exit codes. */
export class Api {
  readonly url: string;
  private readonly token: string | undefined;
  private client: ClaudeScopeClient | undefined;

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
  private readonly fetch: FetchLike = async (request) => {
    try {
      return await globalThis.fetch(request);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(EXIT.NETWORK, `Cannot reach ${this.url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
  };

  get sdk(): ClaudeScopeClient {
    this.client ??= createClient({ baseUrl: this.url, token: this.requireToken(), fetch: this.fetch, headers: { 'user-agent': 'claude-scope-cli/0.1.0' } });
    return this.client;
  }
}

/** An ApiError (or an openapi-fetch error answer) as the CLI's error and exit code. */
export function cliError(err: ApiError): CliError {
  const what =
    err.status === 401
      ? 'The API refused the token (401): it is missing, expired or revoked'
      : err.status === 403
        ? 'The token lacks the scope this needs (403)'
        : `API answered ${err.status}`;
  return new CliError(exitCodeFor(err.status), `${what}: ${err.message}`);
}

/** The data of an openapi-fetch answer, or the CliError for it. */
export function ok<R extends { data?: unknown; error?: unknown; response: Response }>(result: R): NonNullable<R['data']> {
  if (!result.response.ok) throw cliError(ApiError.from(result.response, result.error));
  return result.data as NonNullable<R['data']>;
}
