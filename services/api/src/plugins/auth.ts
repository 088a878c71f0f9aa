import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../lib/errors.js';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for protected routes: verifies the bearer token and sets `request.userId`. */
    authenticate(request: FastifyRequest): Promise<void>;
  }
  interface FastifyRequest {
    userId: string;
  }
}

const USER_ID = /^usr_[A-Z0-9]{12}$/;

/**
 * HS256 JWTs. Verification pins the algorithm list, so `alg: none` and any other algorithm are refused;
 * expired, tampered and wrongly signed tokens all get the same contract 401.
 */
export default fp(
  async (app) => {
    await app.register(fastifyJwt, {
      secret: app.config.JWT_SECRET,
      sign: { algorithm: 'HS256', expiresIn: app.config.JWT_EXPIRES_IN },
      // cache: fast-jwt remembers a verified token (keyed by its SHA-256) until the token's own exp, so a client
      // polling with the same token skips the HMAC and parsing; failures are never cached. Default 1,000 tokens.
      verify: { algorithms: ['HS256'], cache: true },
    });
    app.decorateRequest('userId', '');
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header || !/^Bearer [A-Za-z0-9_\-.]+$/.test(header)) throw unauthorized();
      try {
        // The verifier directly (algorithms pinned at registration): the request decorator adds work per call.
        const payload = app.jwt.verify<{ sub?: unknown }>(header.slice(7));
        if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub)) throw unauthorized();
        request.userId = payload.sub;
      } catch {
        throw unauthorized();
      }
    });
  },
  { name: 'auth', dependencies: ['infra'] },
);
