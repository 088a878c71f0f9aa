import Type from 'typebox';
import { HttpUrl, INT32_MAX } from './common.js';

const T = Type.Integer({ minimum: 0, maximum: INT32_MAX, description: 'ms from the start of the recording' });
const Role = Type.String({ minLength: 1, maxLength: 100 });
const Name = Type.String({ maxLength: 1000 });

// Each event type's fields, shared by the uploaded timeline and the actions frames carry (FrameAction).
const EVENT_FIELDS = {
  navigate: { t: T, type: Type.Literal('navigate'), url: HttpUrl },
  click: { t: T, type: Type.Literal('click'), role: Role, name: Name },
  fill: { t: T, type: Type.Literal('fill'), role: Role, name: Name, value: Type.String({ maxLength: 10_000 }) },
  press: { t: T, type: Type.Literal('press'), key: Type.String({ minLength: 1, maxLength: 100 }) },
  scroll: { t: T, type: Type.Literal('scroll'), dy: Type.Number({ minimum: -INT32_MAX, maximum: INT32_MAX }) },
} as const;

export const TimelineEvent = Type.Union([
  Type.Object(EVENT_FIELDS.navigate, { additionalProperties: false }),
  Type.Object(EVENT_FIELDS.click, { additionalProperties: false }),
  Type.Object(EVENT_FIELDS.fill, { additionalProperties: false }),
  Type.Object(EVENT_FIELDS.press, { additionalProperties: false }),
  Type.Object(EVENT_FIELDS.scroll, { additionalProperties: false }),
]);
export type TimelineEvent = Type.Static<typeof TimelineEvent>;

/** Where an action comes from: the uploaded timeline, or inferred from the video (with a confidence). */
export const ACTION_SOURCES = ['timeline', 'video'] as const;
const Provenance = {
  source: Type.Enum([...ACTION_SOURCES]),
  confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'for source "video": how sure the inference is' })),
};

/**
 * (ext) What the user did just before a frame: a timeline event plus where it comes from. A typed password's
 * `value` is masked, never read back.
 */
export const FrameAction = Type.Union([
  Type.Object({ ...EVENT_FIELDS.navigate, ...Provenance }),
  Type.Object({ ...EVENT_FIELDS.click, ...Provenance }),
  Type.Object({ ...EVENT_FIELDS.fill, ...Provenance }),
  Type.Object({ ...EVENT_FIELDS.press, ...Provenance }),
  Type.Object({ ...EVENT_FIELDS.scroll, ...Provenance }),
]);
export type FrameAction = Type.Static<typeof FrameAction>;

/** (ext) GET /sessions/:id/timeline: the timeline the session used, uploaded or inferred from the video. */
export const TIMELINE_SOURCES = ['upload', 'video', 'none'] as const;
export const TimelineResponse = Type.Object({ source: Type.Enum([...TIMELINE_SOURCES]), events: Type.Array(FrameAction) });
export type TimelineResponse = Type.Static<typeof TimelineResponse>;
export const TIMELINE_EVENT_TYPES = ['navigate', 'click', 'fill', 'press', 'scroll'] as const;
export const MAX_TIMELINE_EVENTS = 1000;
