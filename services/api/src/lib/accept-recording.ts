import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createSession, deleteSession, getSettings, newSessionId, type SessionRow } from '@claude-scope/db';
import { initialProcessingStatus } from '@claude-scope/pipeline';
import { recordingKey } from '@claude-scope/storage';
import { DependencyDownError } from './errors.js';
import { parseRecordingFields } from './recording-fields.js';
import { receiveRecording } from './recording-upload.js';

/**
 * An upload from body to pipeline: the recording streamed to the session's prefix (its id allocated up
 * front, so every object of a session lives under `sessions/<id>/`), the fields checked, the session row
 * created and its flow enqueued. Whichever step fails, one cleanup path removes what the earlier ones made,
 * so no object is left behind and no session waits in processing for a flow that was never added.
 */
export async function acceptRecording(app: FastifyInstance, request: FastifyRequest): Promise<SessionRow> {
  const sessionId = newSessionId();
  const key = recordingKey(sessionId);
  let row: SessionRow | undefined;
  try {
    const upload = await receiveRecording(request, app.storage, { key, maxBytes: app.config.MAX_UPLOAD_BYTES });
    const fields = parseRecordingFields(upload.fields);
    const settings = await getSettings(app.db, request.userId);
    const now = new Date();
    // Counted against the account's processing limit and inserted as one step (plugins/upload-quota.ts).
    row = await app.uploadQuota.insert(request, (db) => createSession(
      db,
      request.userId,
      {
        title: fields.title,
        seedUrl: fields.seedUrl,
        ...(fields.notes !== null ? { notes: fields.notes } : {}),
        agentTarget: fields.agentTarget ?? settings.defaultAgent,
        recordingKey: key,
        fileSize: upload.size,
        mimeType: upload.mimeType,
        timeline: fields.timeline,
        processingStatus: initialProcessingStatus(now),
        processingStartedAt: now,
        clientDurationMs: fields.durationMs,
        keepPlayback: settings.keepPlayback, // decided now: settings apply from the next upload on
      },
      sessionId,
    ));
    request.log.info({ sessionId, bytes: upload.size, mimeType: upload.mimeType }, 'recording accepted');
    try {
      // An empty timeline is no timeline: the session's actions then come from the video (and their replay).
      const hasTimeline = !!fields.timeline?.length;
      await app.flows.enqueueRecording(sessionId, { maxRecordingMinutes: settings.maxRecordingLength, hasTimeline, typedSecrets: fields.typedSecrets });
    } catch (err) {
      request.log.warn({ err, sessionId }, 'could not enqueue the recording');
      throw new DependencyDownError('redis', err);
    }
    return row;
  } catch (err) {
    if (row) await deleteSession(app.db, request.userId, row.id).catch(() => {});
    await app.storage.deleteKeys([key]).catch(() => {});
    throw err;
  }
}
