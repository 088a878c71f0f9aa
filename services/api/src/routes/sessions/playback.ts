import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ErrorBody, PlaybackLink, PlaybackQuery, SessionParams } from '@claude-scope/contracts';
import { getPlaybackKey } from '@claude-scope/db';
import { PLAYBACK_CONTENT_TYPE } from '@claude-scope/storage';
import { parseByteRange } from '../../lib/byte-range.js';
import { HttpError, notFound, unauthorized } from '../../lib/errors.js';
import { playbackLinks } from '../../lib/playback-link.js';

const binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });

/**
 * (ext) A session's playback copy (kept when the account's `keepPlayback` was on at upload): streamed from
 * object storage with HTTP Range (206, 416), so a player seeks without downloading the whole video. 404 when the
 * session has no copy or is another account's. Bearer tokens as everywhere; a <video> element, which cannot
 * send one, plays the `url` of GET …/playback/link instead (lib/playback-link.ts).
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const links = playbackLinks(app.config.JWT_SECRET);

  /** The stored copy and its size, or 404 (no copy, another account's session, or the object is gone). */
  async function copyOf(userId: string, sessionId: string): Promise<{ key: string; size: number }> {
    const key = await getPlaybackKey(app.db, userId, sessionId);
    const size = key ? await app.storage.size(key) : null;
    if (!key || size === null) throw notFound('Playback copy');
    return { key, size };
  }

  app.get(
    '/:id/playback',
    {
      // A link's token opens only this session's copy; without one, the usual bearer token (JWT or API token).
      onRequest: async (request: FastifyRequest<{ Params: { id: string }; Querystring: { token?: string } }>) => {
        const token = request.query.token;
        if (token === undefined || request.headers.authorization) return app.authenticate(request);
        const userId = links.verify(token, request.params.id);
        if (!userId) throw unauthorized();
        request.userId = userId;
      },
      schema: {
        tags: ['sessions'],
        params: SessionParams,
        querystring: PlaybackQuery,
        produces: [PLAYBACK_CONTENT_TYPE],
        response: { 200: binary, 206: binary, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 416: ErrorBody },
      },
    },
    async (request, reply) => {
      const { key, size } = await copyOf(request.userId, request.params.id);
      const range = parseByteRange(request.headers.range, size);
      reply.header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=3600');
      if (range === 'unsatisfiable') {
        throw new HttpError(416, `range not satisfiable: the playback copy has ${size} bytes`, {}, { 'content-range': `bytes */${size}` });
      }
      reply.header('content-type', PLAYBACK_CONTENT_TYPE);
      if (!range) return reply.header('content-length', size).send(await app.storage.getStream(key));
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', range.end - range.start + 1)
        .send(await app.storage.getStream(key, range));
    },
  );

  app.get(
    '/:id/playback/link',
    {
      onRequest: app.authenticate,
      schema: { tags: ['sessions'], params: SessionParams, response: { 200: PlaybackLink, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody } },
    },
    async (request) => {
      const { size } = await copyOf(request.userId, request.params.id);
      const { token, expiresAt } = links.sign(request.params.id, request.userId);
      return {
        url: `/api/sessions/${encodeURIComponent(request.params.id)}/playback?token=${token}`,
        expiresAt: expiresAt.toISOString(),
        contentType: PLAYBACK_CONTENT_TYPE,
        size,
      };
    },
  );
};

export default routes;
