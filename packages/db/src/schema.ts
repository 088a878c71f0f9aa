import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AgentTarget, AriaNode, DiffSummary, FrameAction, ProcessingStatus, SessionStatus, TimelineEvent, TokenScope } from '@claude-scope/contracts';
import type { LaneResultByName } from '@claude-scope/pipeline';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Null for accounts that sign in only through an external identity provider (see externalIdentities). */
    passwordHash: text('password_hash'),
    avatarUrl: text('avatar_url'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

/**
 * Accounts provisioned from an external identity provider's RS256 tokens (JWT_JWKS_URL): the token's
 * (iss, sub) pair names the account, never its email, which an identity provider may let users change.
 */
export const externalIdentities = pgTable(
  'external_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('external_identities_user_id_idx').on(t.userId)],
);

/**
 * API tokens (`cs_pat_…`): only the SHA-256 of the secret is kept, looked up by its unique index on each
 * request. Revoking deletes the row.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: jsonb('scopes').$type<TokenScope[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Null: never expires. */
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_user_created_idx').on(t.userId, t.createdAt)],
);

export const settings = pgTable('settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  defaultAgent: text('default_agent').$type<AgentTarget>().notNull().default('CLAUDE_CODE'),
  includeScreenshots: boolean('include_screenshots').notNull().default(true),
  inlineAriaTree: boolean('inline_aria_tree').notNull().default(true),
  includeRawDiff: boolean('include_raw_diff').notNull().default(false),
  maxRecordingLength: smallint('max_recording_length').notNull().default(10),
  keepPlayback: boolean('keep_playback').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    seedUrl: text('seed_url'),
    status: text('status').$type<SessionStatus>().notNull().default('processing'),
    duration: doublePrecision('duration').notNull().default(0),
    frameCount: integer('frame_count').notNull().default(0),
    urls: jsonb('urls').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    urlCount: integer('url_count').notNull().default(0),
    agentTarget: text('agent_target').$type<AgentTarget>().notNull(),
    processingTime: integer('processing_time').notNull().default(0),
    prompt: text('prompt').notNull().default(''),
    notes: text('notes'),
    lastError: text('last_error'),
    /** Per-lane status the polling route reads; null for sessions that never entered the pipeline. */
    processingStatus: jsonb('processing_status').$type<ProcessingStatus>(),
    /** When the upload was accepted: processingTime counts from here. */
    processingStartedAt: ts('processing_started_at'),
    /** Upload facts, for the recording pipeline. */
    recordingKey: text('recording_key'),
    fileSize: bigint('file_size', { mode: 'number' }),
    mimeType: text('mime_type'),
    timeline: jsonb('timeline').$type<TimelineEvent[]>(),
    /** Client-measured recording length (ms), when the upload said so. */
    clientDurationMs: integer('client_duration_ms'),
    /** The account's keepPlayback when the recording was uploaded: whether the video lane keeps a playback copy. */
    keepPlayback: boolean('keep_playback').notNull().default(false),
    /** The stored playback copy (sessions/<id>/playback.webm), set when the session completes with one. */
    playbackKey: text('playback_key'),
    /** The fused lane results synthesis rendered the prompt from; kept so prompts can be re-rendered. */
    analysis: jsonb('analysis').$type<unknown>(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('sessions_user_updated_idx').on(t.userId, t.updatedAt.desc(), t.id.desc()),
    index('sessions_processing_idx').on(t.status, t.processingStartedAt).where(sql`${t.status} = 'processing'`),
  ],
);

export const frames = pgTable(
  'frames',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    timestamp: integer('timestamp').notNull(),
    url: text('url').notNull(),
    thumbnailUrl: text('thumbnail_url').notNull(),
    imageKey: text('image_key'),
    diffSummary: jsonb('diff_summary').$type<DiffSummary>().notNull(),
    ariaTree: jsonb('aria_tree').$type<AriaNode[]>().notNull(),
    /** What changed at this frame in words (ARIA diff, else the video). */
    description: text('description').notNull().default(''),
    /** What the user did just before it: an uploaded timeline event, or one inferred from the video. */
    action: jsonb('action').$type<FrameAction>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  // One frame per session and position: a lane re-run replaces, never duplicates.
  (t) => [uniqueIndex('frames_session_timestamp_key').on(t.sessionId, t.timestamp)],
);

/**
 * Each lane's output, written when the lane completes and read by synthesis. One row per session and lane:
 * a lane that runs again (retry, crash) replaces its row, so results are never duplicated.
 */
export const laneResults = pgTable(
  'lane_results',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    lane: text('lane').$type<keyof LaneResultByName>().notNull(),
    result: jsonb('result').$type<unknown>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.lane] })],
);

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SettingsRow = typeof settings.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type FrameRow = typeof frames.$inferSelect;
