import Type from 'typebox';
import { AgentTarget, SessionId, SessionStatus } from './common.js';
import { ProcessingStatus } from './status.js';
import { Frame } from './sessions.js';

export const SUPPORTED_VIDEO_TYPES = ['video/webm', 'video/mp4', 'video/x-matroska'] as const;
export type VideoMimeType = (typeof SUPPORTED_VIDEO_TYPES)[number];

export const RecordingQuery = Type.Object(
  { wait: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const ProcessingResponse = Type.Object({
  sessionId: SessionId,
  status: SessionStatus,
  title: Type.String(),
  seedUrl: Type.String(),
  agentTarget: AgentTarget,
  fileSize: Type.Integer({ minimum: 0 }),
  mimeType: Type.String(),
  prompt: Type.String(),
  frames: Type.Array(Frame),
  frameCount: Type.Integer({ minimum: 0 }),
  urls: Type.Array(Type.String()),
  urlCount: Type.Integer({ minimum: 0 }),
  duration: Type.Number({ minimum: 0 }),
  processingMs: Type.Integer({ minimum: 0 }),
  processingStatus: Type.Union([ProcessingStatus, Type.Null()]),
});
export type ProcessingResponse = Type.Static<typeof ProcessingResponse>;
