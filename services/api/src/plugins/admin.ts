import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginCallback } from 'fastify';
import { errorBody } from '../lib/errors.js';
import { safeEqual } from './metrics.js';

const BASE = '/admin/queues';

/** Bull Board for operators, behind HTTP basic auth; not mounted at all without ADMIN_USER/ADMIN_PASSWORD. */
export default fp(
  async (app) => {
    const { ADMIN_USER, ADMIN_PASSWORD } = app.config;
    if (!ADMIN_USER || !ADMIN_PASSWORD) return;
    const expected = `Basic ${Buffer.from(`${ADMIN_USER}:${ADMIN_PASSWORD}`).toString('base64')}`;
    const serverAdapter = new FastifyAdapter();
    createBullBoard({ queues: app.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
    serverAdapter.setBasePath(BASE);
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', async (request, reply) => {
          if (!safeEqual(request.headers.authorization ?? '', expected)) {
            reply.header('www-authenticate', 'Basic realm="Claude Scope admin", charset="UTF-8"');
            return reply.code(401).send(errorBody(401, 'Unauthorized'));
          }
        });
        // bull-board's plugin type targets a different fastify type build; at runtime it is a plain plugin.
        await scope.register(serverAdapter.registerPlugin() as unknown as FastifyPluginCallback<{ basePath: string }>, { prefix: BASE, basePath: BASE });
      },
    );
  },
  { name: 'admin', dependencies: ['queue'] },
);
