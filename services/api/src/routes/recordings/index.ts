import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { asc, eq } from 'drizzle-orm';
import { ErrorBody, ProcessingResponse, RecordingQuery } from '@claude-scope/contracts';
import { createSession, deleteSession, getSessionForJob, getSettings, schema } from '@claude-scope/db';
import { initialProcessingStatus } from '@claude-scope/pipeline';
import { DependencyDownError, HttpError } from '../../lib/errors.js';
import { toProcessingResponse } from '../../lib/processing-response.js';
import { parseRecordingFields } from '../../lib/recording-fields.js';
import { formatBytes, receiveRecording } from '../../lib/recording-upload.js';

const UnprocessableBody = Type.Object({ ...ErrorBody.properties, sessionId: Type.String() });
// How often a waiting upload re-reads Postgres even without an event (a missed message only delays).
const RECHECK_MS = 2_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { MAX_UPLOAD_BYTES, RECORDING_SYNC_TIMEOUT_MS } = app.config;

  app.post(
    '',
    {
      onRequest: app.authenticate,
      preHandler: app.uploadQuota.check,
      schema: {
        tags: ['recordings'],
        summary: 'Upload a recording for dual-lane analysis and prompt generation',
        consumes: ['multipart/form-data'],
        querystring: RecordingQuery,
        response: {
          200: ProcessingResponse,
          202: ProcessingResponse,
          400: ErrorBody,
          401: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: UnprocessableBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new HttpError(415, 'body must be multipart/form-data with a "file" part');
      // Refuse an oversized body before reading it (the streamed limit below still holds without a length).
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) {
        reply.header('connection', 'close');
        throw new HttpError(413, `recording is larger than the ${formatBytes(MAX_UPLOAD_BYTES)} upload limit`);
      }
      // Nothing is read or stored while the queue is unreachable: nothing could process it.
      if (app.redis.status !== 'ready') throw new DependencyDownError('redis');

      const upload = await receiveRecording(request, app.storage, MAX_UPLOAD_BYTES);
      let fields;
      try {
        fields = parseRecordingFields(upload.fields);
      } catch (err) {
        await app.storage.deleteKeys([upload.key]).catch(() => {});
        throw err;
      }

      const settings = await getSettings(app.db, request.userId);
      const now = new Date();
      const row = await app.uploadQuota.insert(request, (db) => createSession(db, request.userId, {
        title: fields.title,
        seedUrl: fields.seedUrl,
        ...(fields.notes !== null ? { notes: fields.notes } : {}),
        agentTarget: fields.agentTarget ?? settings.defaultAgent,
        recordingKey: upload.key,
        fileSize: upload.size,
        mimeType: upload.mimeType,
        timeline: fields.timeline,
        processingStatus: initialProcessingStatus(now),
        processingStartedAt: now,
        clientDurationMs: fields.durationMs,
      })).catch(async (err: unknown) => {
        await app.storage.deleteKeys([upload.key]).catch(() => {});
        throw err;
      });
      request.log.info({ sessionId: row.id, bytes: upload.size, mimeType: upload.mimeType }, 'recording accepted');

      try {
        await app.flows.enqueueRecording(row.id, { sessionId: row.id, maxRecordingMinutes: settings.maxRecordingLength });
      } catch (err) {
        // Without a flow nothing would ever process it: undo, so no session is stuck in processing.
        request.log.warn({ err, sessionId: row.id }, 'could not enqueue the recording');
        await deleteSession(app.db, request.userId, row.id).catch(() => {});
        await app.storage.deleteKeys([upload.key]).catch(() => {});
        throw new DependencyDownError('redis', err);
      }

      const query = request.query as { wait?: boolean };
      const preferAsync = /\brespond-async\b/i.test(String(request.headers.prefer ?? ''));
      if (query.wait === false || preferAsync) {
        if (preferAsync) reply.header('preference-applied', 'respond-async');
        return reply.code(202).send(toProcessingResponse(row));
      }

      // Synchronous mode: wait for the flow, bounded by RECORDING_SYNC_TIMEOUT_MS.
      const deadline = Date.now() + RECORDING_SYNC_TIMEOUT_MS;
      const gone = new AbortController();
      request.raw.once('close', () => gone.abort());
      let current = row;
      while (current.status === 'processing' && Date.now() < deadline && !gone.signal.aborted) {
        await app.sessionWaiter.next(row.id, Math.min(RECHECK_MS, deadline - Date.now()), gone.signal);
        current = (await getSessionForJob(app.db, row.id)) ?? current;
      }
      if (current.status === 'complete') {
        const frames = await app.db
          .select()
          .from(schema.frames)
          .where(eq(schema.frames.sessionId, row.id))
          .orderBy(asc(schema.frames.timestamp));
        return reply.code(200).send(toProcessingResponse(current, frames));
      }
      if (current.status === 'error') {
        throw new HttpError(422, current.lastError ?? 'the recording could not be processed', { sessionId: row.id });
      }
      return reply.code(202).send(toProcessingResponse(current));
    },
  );
};

export default routes;
