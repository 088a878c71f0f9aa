import Type from 'typebox';
import { AriaNodeSchema, DiffSummary } from './aria.js';
import { FrameAction } from './timeline.js';
import { AgentTarget, Count, FrameId, HttpUrl, INT32_MAX, SessionId, SessionStatus, Timestamp, UserId } from './common.js';

const Title = Type.String({ minLength: 1, maxLength: 500 });
const Notes = Type.String({ maxLength: 2000 });

export const Session = Type.Object({
  id: SessionId,
  userId: UserId,
  title: Type.String(),
  seedUrl: Type.Union([Type.String(), Type.Null()]),
  status: SessionStatus,
  duration: Type.Number({ minimum: 0, maximum: INT32_MAX, description: 'recording length in seconds' }),
  frameCount: Count,
  urls: Type.Array(Type.String()),
  urlCount: Count,
  agentTarget: AgentTarget,
  processingTime: Type.Integer({ minimum: 0, maximum: INT32_MAX, description: 'milliseconds' }),
  prompt: Type.String(),
  notes: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Session = Type.Static<typeof Session>;

export const Frame = Type.Object({
  id: FrameId,
  sessionId: SessionId,
  timestamp: Type.Integer({ minimum: 0, description: 'position in the video, ms' }),
  url: Type.String(),
  thumbnailUrl: Type.String({ description: 'data:image/png;base64,… (longest side ≤ 640 px)' }),
  diffSummary: DiffSummary,
  ariaTree: Type.Array(AriaNodeSchema),
  /** (ext) What changed at this frame in words: from the ARIA diff where a tree exists, else from the video. */
  description: Type.String(),
  /** (ext) What the user did just before this frame. */
  action: Type.Union([FrameAction, Type.Null()]),
  createdAt: Timestamp,
});
export type Frame = Type.Static<typeof Frame>;

export const SessionWithFrames = Type.Object({ ...Session.properties, frames: Type.Array(Frame) });
export type SessionWithFrames = Type.Static<typeof SessionWithFrames>;

/**
 * (ext) GET /sessions/:id/overview — the session and its frames without their ARIA trees and with smaller pictures,
 * so a page can show the session before every tree and full picture arrives; one frame with its tree comes with
 * GET /sessions/:id/frames/:frameId.
 */
const { ariaTree: _ariaTree, thumbnailUrl: _thumbnailUrl, ...frameWithoutTree } = Frame.properties;
export const FrameSummary = Type.Object({
  ...frameWithoutTree,
  thumbnailUrl: Type.String({ description: 'data:image/webp;base64,… a smaller picture (fits 320×200); the full one: /frames/:frameId/image' }),
});
export type FrameSummary = Type.Static<typeof FrameSummary>;
export const SessionOverview = Type.Object({ ...Session.properties, frames: Type.Array(FrameSummary) });
export type SessionOverview = Type.Static<typeof SessionOverview>;

export const SessionParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const FrameParams = Type.Object(
  { id: Type.String({ maxLength: 64 }), frameId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export { FrameId };

export const CreateSessionBody = Type.Object(
  {
    title: Title,
    agentTarget: Type.Optional(AgentTarget),
    frameCount: Type.Optional(Count),
    urlCount: Type.Optional(Count),
    seedUrl: Type.Optional(HttpUrl),
    notes: Type.Optional(Notes),
    prompt: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type CreateSessionBody = Type.Static<typeof CreateSessionBody>;

export const UpdateSessionBody = Type.Object(
  {
    title: Type.Optional(Title),
    status: Type.Optional(SessionStatus),
    duration: Type.Optional(Type.Number({ minimum: 0, maximum: INT32_MAX, description: 'seconds' })),
    urls: Type.Optional(Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 10_000 })),
    prompt: Type.Optional(Type.String({ maxLength: 1_000_000 })),
    agentTarget: Type.Optional(AgentTarget),
    frameCount: Type.Optional(Count),
    urlCount: Type.Optional(Count),
    processingTime: Type.Optional(Count),
    seedUrl: Type.Optional(Type.Union([HttpUrl, Type.Null()])),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateSessionBody = Type.Static<typeof UpdateSessionBody>;

/**
 * (ext) PATCH /sessions/:id?rerender=true: also re-render `prompt` from the stored analysis for the
 * resulting `agentTarget`, with the account's current settings. Opt-in, because the contract's PATCH
 * changes only the given fields and derives nothing.
 */
export const UpdateSessionQuery = Type.Object(
  {
    rerender: Type.Optional(
      Type.Boolean({ description: 're-render prompt from the stored analysis (cannot be combined with a prompt in the body)' }),
    ),
  },
  { additionalProperties: false },
);
export type UpdateSessionQuery = Type.Static<typeof UpdateSessionQuery>;

/**
 * (ext) What GET /sessions orders by: a Session field. Ties go by id in the same direction, so paging is stable.
 * Without `sort` the order is the documented one, most recently updated first.
 */
export const SESSION_SORT_FIELDS = ['updatedAt', 'createdAt', 'title', 'agentTarget', 'status', 'duration', 'frameCount'] as const;
export type SessionSortField = (typeof SESSION_SORT_FIELDS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const ListSessionsQuery = Type.Object(
  {
    status: Type.Optional(SessionStatus),
    q: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    // A cursor carries its sort's last value: a title of 500 code points, each up to 6 bytes of JSON, in base64url.
    cursor: Type.Optional(Type.String({ maxLength: 4200 })),
    sort: Type.Optional(Type.Enum([...SESSION_SORT_FIELDS], { description: '(ext) the field to order by; default updatedAt' })),
    order: Type.Optional(
      Type.Enum([...SORT_ORDERS], { description: '(ext) asc or desc; default desc for times and numbers, asc for title, agentTarget, status' }),
    ),
  },
  { additionalProperties: false },
);
export type ListSessionsQuery = Type.Static<typeof ListSessionsQuery>;

export const SessionStats = Type.Object({
  totalSessions: Count,
  completedSessions: Count,
  totalDuration: Type.Number({ minimum: 0, description: 'seconds, completed sessions' }),
  avgProcessingTime: Count,
});
export type SessionStats = Type.Static<typeof SessionStats>;

/** (ext) GET /sessions/:id/prompt — any agent's prompt, rendered from the stored analysis. */
export const PromptQuery = Type.Object(
  { agentTarget: Type.Optional(AgentTarget) },
  { additionalProperties: false },
);
export const PromptResponse = Type.Object({ sessionId: SessionId, agentTarget: AgentTarget, prompt: Type.String() });
export type PromptResponse = Type.Static<typeof PromptResponse>;

/**
 * (ext) GET /sessions/:id/steps — the stored analysis per step, as data: what the user did, what changed, and
 * what the browser logged there (console errors, failed requests, a replayed action that failed). Steps are the
 * session's frames, in the same order (`frameId`).
 */
export const FailedRequest = Type.Object({
  method: Type.String(),
  url: Type.String(),
  status: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});
const Share = Type.Number({ minimum: 0, maximum: 1 });
export const SessionStep = Type.Object({
  index: Type.Integer({ minimum: 1, description: '1-based, in recording order' }),
  frameId: Type.Union([FrameId, Type.Null()]),
  timestamp: Type.Number({ minimum: 0, description: 'ms into the recording' }),
  url: Type.String(),
  pageTitle: Type.Union([Type.String(), Type.Null()]),
  action: Type.Union([Type.String(), Type.Null()], { description: 'what the user did just before, in words' }),
  changes: Type.Array(Type.String()),
  failure: Type.Union([Type.String(), Type.Null()], { description: 'a replayed action that could not be performed' }),
  consoleErrors: Type.Array(Type.String()),
  failedRequests: Type.Array(FailedRequest),
  regions: Type.Array(
    Type.Object({ x: Share, y: Share, w: Share, h: Share }),
    { description: 'where the picture changed since the previous step, as shares (0–1) of the frame\'s width and height' },
  ),
});
export type SessionStep = Type.Static<typeof SessionStep>;
export const SessionStepsResponse = Type.Object({ sessionId: SessionId, steps: Type.Array(SessionStep) });
export type SessionStepsResponse = Type.Static<typeof SessionStepsResponse>;
