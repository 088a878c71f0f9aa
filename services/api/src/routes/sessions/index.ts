import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateSessionBody,
  ErrorBody,
  Frame,
  FrameParams,
  ListSessionsQuery,
  Session,
  SessionOverview,
  SessionParams,
  SessionStats,
  SessionWithFrames,
  StatusResponse,
  UpdateSessionBody,
  UpdateSessionQuery,
} from '@claude-scope/contracts';
import {
  createSession,
  deleteSession,
  getFrameRow,
  getSessionRow,
  getSessionStats,
  getSessionStatus,
  getSessionWithFrames,
  getSettings,
  InvalidCursorError,
  listFramesWithoutTrees,
  listSessions,
  toFrame,
  toFrameSummary,
  toSession,
  updateSession,
} from '@claude-scope/db';
import { sessionPrefix } from '@claude-scope/storage';
import { HttpError, notFound } from '../../lib/errors.js';
import { noAnalysis, renderStoredPrompt } from '../../lib/render-prompt.js';
import { smallerThumbnail } from '../../lib/thumbnails.js';

/** The session page's time track draws frames 224 CSS px wide: this serves dense screens well enough. */
const TRACK_THUMBNAIL = { width: 320, height: 200 } as const;

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.post(
    '',
    { schema: { tags: ['sessions'], body: CreateSessionBody, response: { 201: Session, ...errors } } },
    async (request, reply) => {
      const agentTarget = request.body.agentTarget ?? (await getSettings(app.db, request.userId)).defaultAgent;
      const row = await createSession(app.db, request.userId, { ...request.body, agentTarget });
      return reply.code(201).send(toSession(row));
    },
  );

  app.get(
    '',
    { schema: { tags: ['sessions'], querystring: ListSessionsQuery, response: { 200: Type.Array(Session), ...errors } } },
    async (request, reply) => {
      try {
        const { sessions, nextCursor } = await listSessions(app.db, request.userId, request.query);
        if (nextCursor) {
          const params = new URLSearchParams();
          for (const [k, v] of Object.entries(request.query)) if (v !== undefined && k !== 'cursor') params.set(k, String(v));
          params.set('cursor', nextCursor);
          reply.header('link', `</api/sessions?${params.toString()}>; rel="next"`);
        }
        return sessions;
      } catch (err) {
        if (err instanceof InvalidCursorError) throw new HttpError(400, 'cursor is not valid');
        throw err;
      }
    },
  );

  app.get('/stats', { schema: { tags: ['sessions'], response: { 200: SessionStats, 401: ErrorBody } } }, async (request) =>
    getSessionStats(app.db, request.userId),
  );

  app.get(
    '/:id',
    { schema: { tags: ['sessions'], params: SessionParams, response: { 200: SessionWithFrames, ...errors } } },
    async (request) => (await getSessionWithFrames(app.db, request.userId, request.params.id)) ?? Promise.reject(notFound()),
  );

  // (ext) The session page's first view: every frame without its tree; a frame's tree comes with /frames/:frameId.
  app.get(
    '/:id/overview',
    { schema: { tags: ['sessions'], params: SessionParams, response: { 200: SessionOverview, ...errors } } },
    async (request) => {
      const row = await getSessionRow(app.db, request.userId, request.params.id);
      if (!row) throw notFound();
      // The track shows each frame small: a WebP data URL of a fraction of the stored PNG's weight.
      const frames = await listFramesWithoutTrees(app.db, row.id);
      const small = await Promise.all(frames.map((f) => smallerThumbnail(f.id, f.thumbnailUrl, TRACK_THUMBNAIL)));
      return { ...toSession(row), frames: frames.map((f, i) => ({ ...toFrameSummary(f), thumbnailUrl: `data:image/webp;base64,${small[i]!.toString('base64')}` })) };
    },
  );

  app.get(
    '/:id/frames/:frameId',
    { schema: { tags: ['sessions'], params: FrameParams, response: { 200: Frame, ...errors } } },
    async (request) => {
      const row = await getFrameRow(app.db, request.userId, request.params.id, request.params.frameId);
      return row ? toFrame(row) : Promise.reject(notFound('Frame'));
    },
  );

  app.get(
    '/:id/status',
    { schema: { tags: ['sessions'], params: SessionParams, response: { 200: StatusResponse, ...errors } } },
    async (request) => (await getSessionStatus(app.db, request.userId, request.params.id)) ?? Promise.reject(notFound()),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['sessions'],
        params: SessionParams,
        querystring: UpdateSessionQuery,
        body: UpdateSessionBody,
        response: { 200: Session, ...errors, 409: ErrorBody },
      },
    },
    async (request) => {
      const { userId, params, body } = request;
      if (!request.query.rerender) return (await updateSession(app.db, userId, params.id, body)) ?? Promise.reject(notFound());
      // (ext) Opt-in re-render: the new prompt is written with the other fields, in the same update.
      if (body.prompt !== undefined) throw new HttpError(400, 'prompt cannot be given with rerender=true');
      const row = await getSessionRow(app.db, userId, params.id);
      if (!row) throw notFound();
      // Rendered with the fields this PATCH changes (a new title or notes), not the stored ones.
      const next = { ...row, ...(body.title !== undefined ? { title: body.title } : {}), ...(body.notes !== undefined ? { notes: body.notes } : {}) };
      const prompt = await renderStoredPrompt(app.db, next, body.agentTarget ?? row.agentTarget, app.config.PROMPT_MAX_CHARS);
      if (prompt === null) throw noAnalysis();
      return (await updateSession(app.db, userId, params.id, { ...body, prompt })) ?? Promise.reject(notFound());
    },
  );

  app.delete(
    '/:id',
    { schema: { tags: ['sessions'], params: SessionParams, response: { 204: Type.Null({ description: 'No Content' }), ...errors } } },
    async (request, reply) => {
      const row = await getSessionRow(app.db, request.userId, request.params.id);
      if (!row) throw notFound();
      // Stored objects first: if S3 is down the delete fails as a whole (503) and nothing is lost half-way.
      await app.storage.deletePrefix(sessionPrefix(row.id));
      if (row.recordingKey) await app.storage.deleteKeys([row.recordingKey]);
      await deleteSession(app.db, request.userId, row.id);
      // Queued jobs go with it; a job already running finds the session gone and cleans up after itself.
      await app.removeSessionJobs(row.id).catch((err: unknown) => request.log.warn({ err }, 'could not remove queued jobs'));
      return reply.code(204).send(null);
    },
  );
};

export default routes;
