import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, ProcessingResponse, RecordingQuery } from '@claude-scope/contracts';
import { listFrames } from '@claude-scope/db';
import { acceptRecording } from '../../lib/accept-recording.js';
import { DependencyDownError, HttpError } from '../../lib/errors.js';
import { toProcessingResponse } from '../../lib/processing-response.js';
import { formatBytes } from '../../lib/recording-upload.js';
import { waitForSession } from '../../lib/upload-wait.js';

const UnprocessableBody = Type.Object({ ...ErrorBody.properties, sessionId: Type.String() });

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
      // Refuse an oversized body before reading it (the streamed limit still holds without a length).
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES + 1024 * 1024) {
        reply.header('connection', 'close');
        throw new HttpError(413, `recording is larger than the ${formatBytes(MAX_UPLOAD_BYTES)} upload limit`);
      }
      // Nothing is read or stored while the queue is unreachable: nothing could process it.
      if (app.redis.status !== 'ready') throw new DependencyDownError('redis');

      const row = await acceptRecording(app, request);

      const preferAsync = /\brespond-async\b/i.test(String(request.headers.prefer ?? ''));
      if (request.query.wait === false || preferAsync) {
        if (preferAsync) reply.header('preference-applied', 'respond-async');
        return reply.code(202).send(toProcessingResponse(row));
      }

      const current = await waitForSession(app, row, RECORDING_SYNC_TIMEOUT_MS, request.raw);
      if (current.status === 'complete') return reply.code(200).send(toProcessingResponse(current, await listFrames(app.db, row.id)));
      if (current.status === 'error') {
        throw new HttpError(422, current.lastError ?? 'the recording could not be processed', { sessionId: row.id });
      }
      return reply.code(202).send(toProcessingResponse(current));
    },
  );
};

export default routes;
