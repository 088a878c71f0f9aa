import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, Settings, SettingsPatch } from '@claude-scope/contracts';
import { getSettings, updateSettings } from '@claude-scope/db';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '', { schema: { tags: ['settings'], response: { 200: Settings, 401: ErrorBody } } }, async (request) =>
    getSettings(app.db, request.userId),
  );

  app.patch(
    '',
    { schema: { tags: ['settings'], body: SettingsPatch, response: { 200: Settings, 400: ErrorBody, 401: ErrorBody } } },
    async (request) => updateSettings(app.db, request.userId, request.body),
  );
};

export default routes;
