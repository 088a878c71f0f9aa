import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ProcessingStatus, SessionWithFrames, StatusResponse } from '@claude-scope/contracts';
import { read, routes, type ApiClient, type ApiError } from './api.js';
import { RESULT_MAX_CHARS, size } from './budget.js';

/** How long an agent should wait before asking about a session that is still processing. */
export const RETRY_AFTER_SECONDS = 5;

/** A successful result: a text rendering for the model beside the structured content its schema describes. */
export function ok<T extends Record<string, unknown>>(text: string, structured: T): CallToolResult {
  const total = text.length + size(structured);
  // The tools trim before they get here; this guards the promise the tool descriptions make.
  if (total > RESULT_MAX_CHARS) throw new Error(`result of ${total} characters is over the ${RESULT_MAX_CHARS} limit`);
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** A tool error the model reads and can act on (wrong id, processing, no access). */
export function fail(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: structured } : {}), isError: true };
}

export function apiFailure(error: ApiError, sessionId?: string): CallToolResult {
  if (error.statusCode === 404 && sessionId) {
    return fail(`No recording ${sessionId} is visible to you (it does not exist or belongs to another account). Call list_recordings to find yours.`, {
      error: 'not_found',
      sessionId,
    });
  }
  if (error.statusCode === 401) return fail('The API refused the credentials (401): the token is missing, expired or revoked.', { error: 'unauthorized' });
  if (error.statusCode === 403) return fail(`The token lacks the scope this needs (403): ${error.message}`, { error: 'forbidden' });
  return fail(`The API answered ${error.statusCode} ${error.error}: ${error.message}`, { error: 'api_error', statusCode: error.statusCode });
}

export function laneLines(ps: ProcessingStatus | null): string[] {
  if (!ps) return ['lanes: not started (the session was created without a recording, or is still queued)'];
  const lane = (name: string, l: ProcessingStatus['videoLane']) =>
    `${name}: ${l.status} ${Math.round(l.progress)}%${l.detail ? ` (${l.detail})` : ''}${l.error ? ` error: ${l.error}` : ''}`;
  return [
    `stage: ${ps.overallStage}`,
    lane('video lane', ps.videoLane),
    lane('playwright lane', ps.playwrightLane),
    lane('vision lane', ps.visionLane),
    lane('synthesis', ps.synthesis),
  ];
}

/** A session whose details are not there yet: its lanes, and when to ask again. */
export async function processingResult(api: ApiClient, sessionId: string): Promise<CallToolResult> {
  const status = read<StatusResponse>(await routes.status(api, sessionId));
  if (!status.ok) return apiFailure(status.error, sessionId);
  const s = status.data;
  return fail(
    [
      `Recording ${sessionId} is still processing, so its steps are not ready. Ask again in about ${RETRY_AFTER_SECONDS} seconds (get_recording shows progress).`,
      ...laneLines(s.processingStatus),
    ].join('\n'),
    { error: 'processing', sessionId, sessionStatus: s.sessionStatus, processingStatus: s.processingStatus, retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/**
 * The session with its frames, or the result to answer instead: not found, or still processing. A failed
 * session is returned: whatever frames it has are still worth reading.
 */
export async function loadSession(api: ApiClient, sessionId: string): Promise<SessionWithFrames | CallToolResult> {
  const res = read<SessionWithFrames>(await routes.session(api, sessionId));
  if (!res.ok) return apiFailure(res.error, sessionId);
  if (res.data.status === 'processing') return processingResult(api, sessionId);
  res.data.frames.sort((a, b) => a.timestamp - b.timestamp);
  return res.data;
}

export const isResult = (v: unknown): v is CallToolResult => typeof v === 'object' && v !== null && 'content' in v && Array.isArray((v as CallToolResult).content);

/** Step n (1-based) of the session, or the error to answer. */
export function stepOf(session: SessionWithFrames, step: number): SessionWithFrames['frames'][number] | CallToolResult {
  const frame = session.frames[step - 1];
  if (frame) return frame;
  return fail(
    session.frames.length
      ? `Recording ${session.id} has steps 1 to ${session.frames.length}; there is no step ${step}. Call get_timeline to see them.`
      : `Recording ${session.id} has no steps (no frames were captured${session.lastError ? `: ${session.lastError}` : ''}).`,
    { error: 'no_such_step', sessionId: session.id, stepCount: session.frames.length },
  );
}
