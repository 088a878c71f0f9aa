/** A non-2xx answer of the API, with the contract's error body (`{ statusCode, error, message }`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    /** 422 after an upload: the session that could not be processed. */
    readonly sessionId?: string,
    /** Seconds, from `Retry-After` on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** From a response and its already-read body (JSON, text or nothing). */
  static from(response: Response, body: unknown): ApiError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const message =
      typeof b.message === 'string' ? b.message : typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${response.status}`;
    const error = typeof b.error === 'string' ? b.error : response.statusText || `HTTP ${response.status}`;
    const retry = Number(response.headers.get('retry-after'));
    return new ApiError(
      response.status,
      error,
      message,
      typeof b.sessionId === 'string' ? b.sessionId : undefined,
      Number.isFinite(retry) && retry >= 0 && response.headers.has('retry-after') ? retry : undefined,
    );
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return ApiError.from(response, body);
  }
}

type OkData<R> = R extends { error?: never; data: infer D } ? D : never;

/**
 * The data of an openapi-fetch result, or its ApiError thrown: `const s = expectOk(await client.GET(...))`.
 * A 204 gives `undefined`.
 */
export function expectOk<R extends { data?: unknown; error?: unknown; response: Response }>(result: R): OkData<R> {
  if (!result.response.ok) throw ApiError.from(result.response, result.error);
  return result.data as OkData<R>;
}
