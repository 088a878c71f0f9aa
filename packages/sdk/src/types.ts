import type { paths } from './generated/openapi.js';

/** The JSON body a route answers with a given status, read from the generated paths. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

/** Named shapes of API.md, for code that passes them around (all generated, none written by hand). */
export type User = ResponseBody<'/api/auth/me', 'get', 200>;
export type AuthResponse = ResponseBody<'/api/auth/login', 'post', 200>;
export type Session = ResponseBody<'/api/sessions/{id}', 'patch', 200>;
export type SessionWithFrames = ResponseBody<'/api/sessions/{id}', 'get', 200>;
export type Frame = SessionWithFrames['frames'][number];
export type AriaNode = Frame['ariaTree'][number];
export type SessionStats = ResponseBody<'/api/sessions/stats', 'get', 200>;
export type StatusResponse = ResponseBody<'/api/sessions/{id}/status', 'get', 200>;
export type ProcessingStatus = NonNullable<StatusResponse['processingStatus']>;
export type LaneStatus = ProcessingStatus['videoLane'];
export type ProcessingResponse = ResponseBody<'/api/recordings', 'post', 200>;
export type Settings = ResponseBody<'/api/settings', 'get', 200>;
export type ErrorBody = ResponseBody<'/api/sessions/{id}', 'get', 404>;
export type AgentTarget = Session['agentTarget'];
export type SessionStatus = Session['status'];
export type ListSessionsQuery = NonNullable<paths['/api/sessions']['get']['parameters']['query']>;
export type ApiToken = ResponseBody<'/api/tokens', 'get', 200>[number];
export type CreatedApiToken = ResponseBody<'/api/tokens', 'post', 201>;
export type TokenScope = ApiToken['scopes'][number];
