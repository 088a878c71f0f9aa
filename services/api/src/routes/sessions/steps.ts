import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, SessionParams, SessionStepsResponse, type SessionStep } from '@claude-scope/contracts';
import { getSessionRow, listFrameIds } from '@claude-scope/db';
import type { Analysis } from '@claude-scope/prompt';
import { maskSecretText } from '@claude-scope/secrets';
import { notFound } from '../../lib/errors.js';
import { noAnalysis } from '../../lib/render-prompt.js';

/**
 * (ext) The stored analysis per step as data — action, changes, console errors, failed requests, a failed
 * replay — so agents (the MCP server's get_console_and_network) and the web app need not parse a prompt.
 * Page-derived text was masked when stored; it passes the secret masker again on the way out all the same.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/steps',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sessions'],
        params: SessionParams,
        response: { 200: SessionStepsResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const row = await getSessionRow(app.db, request.userId, request.params.id);
      if (!row) throw notFound();
      if (!row.analysis) throw noAnalysis();
      const frames = await listFrameIds(app.db, row.id);
      const steps = (row.analysis as Analysis).steps.map((s, i): SessionStep => ({
        index: s.index,
        frameId: frames[i]?.id ?? null,
        timestamp: s.timestamp,
        url: maskSecretText(s.url),
        pageTitle: s.pageTitle !== undefined ? maskSecretText(s.pageTitle) : null,
        action: s.action !== undefined ? maskSecretText(s.action) : null,
        changes: s.changes.map((c) => maskSecretText(c)),
        failure: s.failure !== undefined ? maskSecretText(s.failure) : null,
        consoleErrors: s.consoleErrors.map((e) => maskSecretText(e)),
        failedRequests: s.failedRequests.map((r) => ({ ...r, url: maskSecretText(r.url), ...(r.error !== undefined ? { error: maskSecretText(r.error) } : {}) })),
        regions: s.regions ?? [],
      }));
      return { sessionId: row.id, steps };
    },
  );
};

export default routes;
