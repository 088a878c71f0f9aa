import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, PromptQuery, PromptResponse, SessionParams } from '@claude-scope/contracts';
import { getSessionRow, getSettings } from '@claude-scope/db';
import { render, type Analysis } from '@claude-scope/prompt';
import { HttpError, notFound } from '../../lib/errors.js';

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
      if (!row.analysis) {
        // A session made with POST /sessions, or still processing: only its stored prompt exists.
        if (agentTarget === row.agentTarget) return { sessionId: row.id, agentTarget, prompt: row.prompt };
        throw new HttpError(409, 'this session has no analysis to render another prompt from (it is still processing, failed, or was created without a recording)');
      }
      const settings = await getSettings(app.db, request.userId);
      const prompt = render(
        row.analysis as Analysis,
        {
          includeScreenshots: settings.includeScreenshots,
          inlineAriaTree: settings.inlineAriaTree,
          includeRawDiff: settings.includeRawDiff,
          maxChars: app.config.PROMPT_MAX_CHARS,
        },
        agentTarget,
      );
      return { sessionId: row.id, agentTarget, prompt };
    },
  );
};

export default routes;
