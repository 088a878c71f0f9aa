import Type from 'typebox';
import { SessionId, SessionStatus, Timestamp } from './common.js';

export const LANE_STATES = ['pending', 'running', 'complete', 'error', 'skipped'] as const;
export type LaneState = (typeof LANE_STATES)[number];

/** Optional fields are omitted, never null, until they have a value. */
export const LaneStatus = Type.Object(
  {
    status: Type.Enum([...LANE_STATES]),
    progress: Type.Number({ minimum: 0, maximum: 100 }),
    startedAt: Type.Optional(Timestamp),
    completedAt: Type.Optional(Timestamp),
    detail: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
  },
);
export type LaneStatus = Type.Static<typeof LaneStatus>;

export const OVERALL_STAGES = ['queued', 'analyzing', 'synthesizing', 'complete', 'error'] as const;
export type OverallStage = (typeof OVERALL_STAGES)[number];

export const ProcessingStatus = Type.Object(
  {
    overallStage: Type.Enum([...OVERALL_STAGES]),
    videoLane: LaneStatus,
    playwrightLane: LaneStatus,
    /** (ext) The vision lane: screen text, pointer and address bar read from the keyframes. */
    visionLane: LaneStatus,
    synthesis: LaneStatus,
    lastUpdated: Timestamp,
    lastError: Type.Optional(Type.String()),
  },
);
export type ProcessingStatus = Type.Static<typeof ProcessingStatus>;

export const StatusResponse = Type.Object(
  {
    sessionId: SessionId,
    sessionStatus: SessionStatus,
    processingStatus: Type.Union([ProcessingStatus, Type.Null()]),
    processingTime: Type.Integer({ minimum: 0 }),
    lastError: Type.Union([Type.String(), Type.Null()]),
  },
);
export type StatusResponse = Type.Static<typeof StatusResponse>;
