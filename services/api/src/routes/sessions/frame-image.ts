import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, FrameParams } from '@claude-scope/contracts';
import { getFrameImageKey } from '@claude-scope/db';
import { notFound } from '../../lib/errors.js';

/** (ext) The full-resolution PNG of a frame, streamed from object storage. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/frames/:frameId/image',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sessions'],
        params: FrameParams,
        produces: ['image/png'],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const imageKey = await getFrameImageKey(app.db, request.userId, request.params.id, request.params.frameId);
      if (!imageKey) throw notFound('Frame');
      const body = await app.storage.getStream(imageKey).catch((err: unknown) => {
        if ((err as { name?: string }).name === 'NoSuchKey') throw notFound('Frame');
        throw err;
      });
      reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=3600');
      return reply.send(body);
    },
  );
};

export default routes;
