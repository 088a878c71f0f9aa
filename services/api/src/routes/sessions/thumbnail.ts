import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody, SessionParams } from '@claude-scope/contracts';
import { getFirstFrameThumbnail } from '@claude-scope/db';
import { notFound } from '../../lib/errors.js';
import { smallerThumbnail } from '../../lib/thumbnails.js';

/** The list's thumbnail box: small enough that a page of 50 rows stays light (a few KB each). */
export const LIST_THUMBNAIL = { width: 160, height: 100 } as const;

/**
 * (ext) A small WebP of a session's first frame, for a row of the sessions list, made from the frame's stored
 * thumbnail (`smallerThumbnail`); the browser keeps it (ETag, private cache). 404 while the session has no frame yet.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/thumbnail',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sessions'],
        params: SessionParams,
        produces: ['image/webp'],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), 304: Type.Null(), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const frame = await getFirstFrameThumbnail(app.db, request.userId, request.params.id);
      if (!frame) throw notFound('Thumbnail');
      const etag = `"${frame.id}-${LIST_THUMBNAIL.width}"`;
      reply.header('etag', etag).header('cache-control', 'private, max-age=86400');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return reply.header('content-type', 'image/webp').send(await smallerThumbnail(frame.id, frame.thumbnailUrl, LIST_THUMBNAIL));
    },
  );
};

export default routes;
