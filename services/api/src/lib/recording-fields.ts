import type { ValidateFunction } from 'ajv';
import {
  AGENT_TARGETS,
  HttpUrl,
  INT32_MAX,
  MAX_TIMELINE_EVENTS,
  TIMELINE_EVENT_TYPES,
  TimelineEvent,
  type AgentTarget,
  type TimelineEvent as TimelineEventT,
} from '@claude-scope/contracts';
import Type from 'typebox';
import { compileValidator, makeAjv } from './ajv.js';
import { HttpError } from './errors.js';
import { formatValidationError } from '../plugins/validation.js';
import { typedSecretsOf, type TypedSecret } from '@claude-scope/pipeline';
import { maskTimeline } from './timeline-secrets.js';

export interface RecordingFields {
  title: string;
  seedUrl: string;
  notes: string | null;
  agentTarget: AgentTarget | undefined;
  /** As stored: secrets masked. */
  timeline: TimelineEventT[] | null;
  /** The typed values masking changed, for the Playwright lane's replay only (job data, never Postgres). */
  typedSecrets: TypedSecret[];
  durationMs: number | null;
}

export const RECORDING_TEXT_FIELDS = ['title', 'seedUrl', 'notes', 'agentTarget', 'timeline', 'durationMs'] as const;

// The API's own strict ajv and text rule, as for JSON bodies: form fields are strings on the wire all the same.
const ajv = makeAjv(false);
const bad = (message: string) => new HttpError(400, message);

const TextFields = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    seedUrl: HttpUrl,
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
    agentTarget: Type.Optional(Type.Enum([...AGENT_TARGETS])),
  },
  { additionalProperties: false },
);
const validateText = compileValidator(ajv, TextFields);

// One validator per event type, so an error names the event's own rule instead of a union's noise.
const eventValidators = new Map<string, ValidateFunction>(
  TimelineEvent.anyOf.map((schema) => [String(schema.properties.type.const), compileValidator(ajv, schema)]),
);

/** `timeline` arrives as a JSON string: parsed, then each event checked, errors naming its index. */
export function parseTimeline(raw: string): TimelineEventT[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw bad('timeline must be a JSON array of timeline events');
  }
  if (!Array.isArray(value)) throw bad('timeline must be a JSON array of timeline events');
  if (value.length > MAX_TIMELINE_EVENTS) throw bad(`timeline must NOT have more than ${MAX_TIMELINE_EVENTS} events`);
  let lastT = 0;
  value.forEach((event: unknown, i) => {
    const at = `timeline[${i}]`;
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw bad(`${at} must be an object`);
    const type = (event as { type?: unknown }).type;
    const validate = typeof type === 'string' ? eventValidators.get(type) : undefined;
    if (!validate) throw bad(`${at}.type must be one of ${TIMELINE_EVENT_TYPES.join(', ')}`);
    if (!validate(event)) throw bad(formatValidationError(validate.errors ?? [], 'body', at));
    const t = (event as { t: number }).t;
    if (t < lastT) throw bad(`${at}.t must not decrease (${t} after ${lastT})`);
    lastT = t;
  });
  return value as TimelineEventT[];
}

/** Validates the multipart text fields (which are strings on the wire) into typed values. */
export function parseRecordingFields(fields: Record<string, string>): RecordingFields {
  const { timeline, durationMs, ...text } = fields;
  if (!validateText(text)) throw bad(formatValidationError(validateText.errors ?? [], 'body'));
  let duration: number | null = null;
  if (durationMs !== undefined) {
    if (!/^\d{1,10}$/.test(durationMs.trim())) throw bad('durationMs must be a non-negative integer (milliseconds)');
    duration = Number(durationMs);
    if (duration > INT32_MAX) throw bad(`durationMs must be <= ${INT32_MAX}`);
  }
  const raw = timeline !== undefined ? parseTimeline(timeline) : null;
  // Secrets typed during the recording are masked before anything is stored.
  const masked = raw ? maskTimeline(raw) : null;
  return {
    title: text.title!,
    seedUrl: text.seedUrl!,
    notes: text.notes ?? null,
    agentTarget: text.agentTarget as AgentTarget | undefined,
    timeline: masked,
    typedSecrets: raw && masked ? typedSecretsOf(raw, masked) : [],
    durationMs: duration,
  };
}
