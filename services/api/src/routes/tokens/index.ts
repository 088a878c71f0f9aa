import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiToken, CreatedApiToken, CreateTokenBody, ErrorBody, TokenParams } from '@claude-scope/contracts';
import { createApiToken, deleteApiToken, listApiTokens } from '@claude-scope/db';
import { hashApiToken, newApiTokenSecret } from '../../lib/api-tokens.js';
import { HttpError, notFound } from '../../lib/errors.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** API tokens (ext): managed with a sign-in token only, so a leaked API token cannot mint or hide others. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', async (request) => {
    if (request.apiToken) throw new HttpError(403, 'API tokens cannot manage API tokens: use a sign-in token');
  });

  app.post(
    '',
    { schema: { tags: ['tokens'], body: CreateTokenBody, response: { 201: CreatedApiToken, ...errors } } },
    async (request, reply) => {
      const token = newApiTokenSecret();
      const created = await createApiToken(app.db, request.userId, { ...request.body, tokenHash: hashApiToken(token) });
      // The only time the secret leaves the server: it is not stored, and the logger redacts `*.token`.
      return reply.code(201).send({ ...created, token });
    },
  );

  app.get('', { schema: { tags: ['tokens'], response: { 200: Type.Array(ApiToken), ...errors } } }, async (request) =>
    listApiTokens(app.db, request.userId),
  );

  app.delete(
    '/:id',
    { schema: { tags: ['tokens'], params: TokenParams, response: { 204: Type.Null({ description: 'No Content' }), ...errors, 404: ErrorBody } } },
    async (request, reply) => {
      if (!(await deleteApiToken(app.db, request.userId, request.params.id))) throw notFound('Token');
      return reply.code(204).send(null);
    },
  );
};

export default routes;
