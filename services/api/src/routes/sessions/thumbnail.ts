import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import sharp from 'sharp';
import Type from 'typebox';
import { ErrorBody, SessionParams } from '@claude-scope/contracts';
import { getFirstFrameThumbnail } from '@claude-scope/db';
import { notFound } from '../../lib/errors.js';

/** The list's thumbnail box: small enough that a page of 50 rows stays light (a few KB each). */
export const LIST_THUMBNAIL = { width: 160, height: 100 } as const;
const CACHED = 500;

/**
 * (ext) A small WebP of a session's first frame, for a row of the sessions list. Made from the frame's stored
 * thumbnail on first request and kept in memory (by frame id, which never changes its picture); the browser
 * keeps it too (ETag, private cache). 404 while the session has no frame yet.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const cache = new Map<string, Buffer>();
  const shrink = async (frameId: string, dataUrl: string): Promise<Buffer> => {
    const hit = cache.get(frameId);
    if (hit) return hit;
    const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const webp = await sharp(png).resize({ ...LIST_THUMBNAIL, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
    if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
    cache.set(frameId, webp);
    return webp;
  };

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
      return reply.header('content-type', 'image/webp').send(await shrink(frame.id, frame.thumbnailUrl));
    },
  );
};

export default routes;
