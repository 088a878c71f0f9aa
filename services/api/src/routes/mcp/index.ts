import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createMcpHandler, type AuthInfo } from '@modelcontextprotocol/server';
import { createMcpServer } from '@claude-scope/mcp';
import { createClient } from '@claude-scope/sdk';
import { HttpError } from '../../lib/errors.js';
import { injectFetch } from '../../lib/inject-fetch.js';
import { mcpRequestRefusal } from '../../lib/mcp-host-check.js';

/**
 * (ext) The MCP server at /mcp: streamable HTTP, stateless (the SDK's createMcpHandler builds a fresh server per
 * request, so any API replica answers any request), Bearer authentication as for the REST routes. The tools
 * call the REST routes in-process with the caller's own Authorization header, so tenancy and token scopes are
 * enforced by the routes themselves, never re-implemented here.
 */
const routes: FastifyPluginAsync = async (app) => {
  const fetch = injectFetch(app);
  const handler = createMcpHandler(({ authInfo }) =>
    createMcpServer({ api: createClient({ baseUrl: 'http://api.internal', token: authInfo?.token ?? '', fetch }) }),
  {
    onerror: (err) => app.log.debug({ err }, 'mcp request rejected'),
  });
  app.addHook('onClose', async () => handler.close());

  const guard = async (request: FastifyRequest) => {
    const refusal = mcpRequestRefusal(app.config.MCP_ALLOWED_HOSTS, request.headers.host, request.headers.origin);
    if (refusal) throw new HttpError(403, refusal);
  };

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    // POST, but it only reads: each tool's REST call is checked against the token's scopes by its own route.
    config: { apiTokenScope: 'read' },
    onRequest: [guard, app.authenticate],
    handler: async (request, reply) => {
      const token = request.headers.authorization!.slice('Bearer '.length);
      const authInfo: AuthInfo = { token, clientId: request.userId, scopes: [] };
      const headers = new Headers();
      for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers.set(k, v);
      const webRequest = new Request(`http://${request.headers.host ?? 'localhost'}/mcp`, { method: request.method, headers });
      const response = await handler.fetch(webRequest, { authInfo, ...(request.method === 'POST' ? { parsedBody: request.body } : {}) });
      return reply.send(response);
    },
  });
};

export default routes;
