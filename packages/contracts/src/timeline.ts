import Type from 'typebox';
import { HttpUrl, INT32_MAX } from './common.js';

const T = Type.Integer({ minimum: 0, maximum: INT32_MAX, description: 'ms from the start of the recording' });
const Role = Type.String({ minLength: 1, maxLength: 100 });
const Name = Type.String({ maxLength: 1000 });

export const TimelineEvent = Type.Union([
  Type.Object({ t: T, type: Type.Literal('navigate'), url: HttpUrl }, { additionalProperties: false }),
  Type.Object({ t: T, type: Type.Literal('click'), role: Role, name: Name }, { additionalProperties: false }),
  Type.Object(
    { t: T, type: Type.Literal('fill'), role: Role, name: Name, value: Type.String({ maxLength: 10_000 }) },
    { additionalProperties: false },
  ),
  Type.Object({ t: T, type: Type.Literal('press'), key: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ t: T, type: Type.Literal('scroll'), dy: Type.Number({ minimum: -INT32_MAX, maximum: INT32_MAX }) }, { additionalProperties: false }),
]);
export type TimelineEvent = Type.Static<typeof TimelineEvent>;
export const TIMELINE_EVENT_TYPES = ['navigate', 'click', 'fill', 'press', 'scroll'] as const;
export const MAX_TIMELINE_EVENTS = 1000;
