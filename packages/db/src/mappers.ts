import type { Frame, FrameSummary, Session, Settings, User } from '@claude-scope/contracts';
import type { FrameRow, SessionRow, SettingsRow, UserRow } from './schema.js';

const iso = (d: Date) => d.toISOString();

export function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, email: row.email, avatarUrl: row.avatarUrl, createdAt: iso(row.createdAt) };
}

export function toSettings(row: SettingsRow): Settings {
  return {
    defaultAgent: row.defaultAgent,
    includeScreenshots: row.includeScreenshots,
    inlineAriaTree: row.inlineAriaTree,
    includeRawDiff: row.includeRawDiff,
    maxRecordingLength: row.maxRecordingLength as Settings['maxRecordingLength'],
    keepPlayback: row.keepPlayback,
  };
}

/**
 * processingTime counts from the accepted upload until synthesis completed; while a pipeline session is
 * still processing it is the time elapsed so far.
 */
export function processingTimeOf(row: Pick<SessionRow, 'status' | 'processingStartedAt' | 'processingTime'>, now = Date.now()): number {
  if (row.status === 'processing' && row.processingStartedAt) {
    return Math.max(0, now - row.processingStartedAt.getTime());
  }
  return row.processingTime;
}

export function toSession(row: SessionRow, now = Date.now()): Session {
  return {
    id: row.id,
    userId: row.userId,
    title: row.title,
    seedUrl: row.seedUrl,
    status: row.status,
    duration: row.duration,
    frameCount: row.frameCount,
    urls: row.urls,
    urlCount: row.urlCount,
    agentTarget: row.agentTarget,
    processingTime: processingTimeOf(row, now),
    prompt: row.prompt,
    notes: row.notes,
    lastError: row.lastError,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function toFrame(row: FrameRow): Frame {
  return { ...toFrameSummary(row), ariaTree: row.ariaTree };
}

/** A frame without its ARIA tree (the session overview). */
export function toFrameSummary(row: Omit<FrameRow, 'ariaTree'>): FrameSummary {
  return {
    id: row.id,
    sessionId: row.sessionId,
    timestamp: row.timestamp,
    url: row.url,
    thumbnailUrl: row.thumbnailUrl,
    diffSummary: row.diffSummary,
    description: row.description,
    action: row.action ?? null,
    createdAt: iso(row.createdAt),
  };
}

