import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, PromptQuery, PromptResponse, SessionParams } from '@claude-scope/contracts';
import { getSessionRow } from '@claude-scope/db';
import { notFound } from '../../lib/errors.js';
import { noAnalysis, renderStoredPrompt } from '../../lib/render-prompt.js';

/**
 * (ext) Renders the prompt for any agent from the session's stored analysis, with the account's current
 * settings, without reprocessing the recording (the web app shows one tab per agent).
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/prompt',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sessions'],
        params: SessionParams,
        querystring: PromptQuery,
        response: { 200: PromptResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const row = await getSessionRow(app.db, request.userId, request.params.id);
      if (!row) throw notFound();
      const agentTarget = request.query.agentTarget ?? row.agentTarget;
      const prompt = await renderStoredPrompt(app.db, row, agentTarget, app.config.PROMPT_MAX_CHARS);
      if (prompt === null) {
        // A session made with POST /sessions, or still processing: only its stored prompt exists.
        if (agentTarget === row.agentTarget) return { sessionId: row.id, agentTarget, prompt: row.prompt };
        throw noAnalysis();
      }
      return { sessionId: row.id, agentTarget, prompt };
    },
  );
};

export default routes;
