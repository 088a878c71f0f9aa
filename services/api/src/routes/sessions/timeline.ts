import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, SessionParams, TimelineResponse, type FrameAction } from '@claude-scope/contracts';
import { getLaneResults, getSessionRow } from '@claude-scope/db';
import { maskSecretText } from '@claude-scope/secrets';
import { inferredTimeline } from '@claude-scope/vision';
import { notFound } from '../../lib/errors.js';

/** Every string of an action through the secret masker on the way out (stored text was masked already). */
function masked(a: FrameAction): FrameAction {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' && k !== 'type' && k !== 'source' ? maskSecretText(v) : v])) as FrameAction;
}

/**
 * (ext) GET /sessions/:id/timeline — the timeline the session used: the uploaded one, or the one the vision
 * lane inferred from the video (one step per field typed into; `inferredTimeline`), or none.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/timeline',
    {
      onRequest: app.authenticate,
      schema: { tags: ['sessions'], params: SessionParams, response: { 200: TimelineResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody } },
    },
    async (request) => {
      const row = await getSessionRow(app.db, request.userId, request.params.id);
      if (!row) throw notFound();
      if (row.timeline?.length) return { source: 'upload' as const, events: row.timeline.map((e) => masked({ ...e, source: 'timeline' })) };
      // The vision lane's own result: a value submitted with Enter is the fill, then Enter (a frame carries one action).
      const { vision } = await getLaneResults(app.db, row.id);
      const inferred = vision ? inferredTimeline(vision.frames) : [];
      return inferred.length ? { source: 'video' as const, events: inferred.map(masked) } : { source: 'none' as const, events: [] };
    },
  );
};

export default routes;
