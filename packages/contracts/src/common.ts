import Type from 'typebox';

/** Enums and scalars shared by every resource. One name per concept: see API.md. */
export const AGENT_TARGETS = ['CLAUDE_CODE', 'CODEX', 'CURSOR', 'RAW'] as const;
export const AgentTarget = Type.Enum([...AGENT_TARGETS], {
  description: 'Target AI coding agent',
});
export type AgentTarget = (typeof AGENT_TARGETS)[number];

export const SESSION_STATUSES = ['processing', 'complete', 'error'] as const;
export const SessionStatus = Type.Enum([...SESSION_STATUSES]);
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * The contract's range for counts, durations and times unless stated: what a Postgres `integer` holds, so an
 * out-of-range number is a 400 naming its field, never a database error.
 */
export const INT32_MAX = 2_147_483_647;
/** A count (frames, URLs) or a time in ms: 0 … 2^31 − 1. */
export const Count = Type.Integer({ minimum: 0, maximum: INT32_MAX });

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 with milliseconds and Z' });

/** Absolute http(s) URL. The pattern keeps `javascript:`, `file:` and relative URLs out at the schema level. */
export const HttpUrl = Type.String({
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+(@[^\\s/?#]+)?([/?#][^\\s]*)?$',
  maxLength: 2048,
  'x-message': 'must be an absolute http:// or https:// URL',
});

export const SessionId = Type.String({ pattern: '^sess_[A-Z0-9]{8}$', description: 'e.g. sess_ABC12345' });
export const UserId = Type.String({ pattern: '^usr_[A-Z0-9]{12}$' });
export const FrameId = Type.String({ pattern: '^frm_[A-Z0-9]{12}$' });

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    sessionId: Type.Optional(Type.String()),
  },
  { description: 'Every error has this shape' },
);
export type ErrorBody = Type.Static<typeof ErrorBody>;

/** Fields clients may never send: named in the 400 message as read-only. */
export const READ_ONLY_FIELDS = ['id', 'userId', 'createdAt', 'updatedAt', 'lastError'] as const;
