import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../lib/errors.js';
import { createExternalTokenVerifier } from '../lib/external-tokens.js';

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

/** The `alg` a token's header claims, or undefined when the header does not parse. */
function headerAlg(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    return undefined;
  }
}

/**
 * Our own HS256 JWTs, and with JWT_JWKS_URL also an external identity provider's RS256 ones. Each
 * verifier pins its one algorithm, so `alg: none`, an HS256 token "signed" with the provider's public
 * key, and any other algorithm are refused; expired, tampered and wrongly signed tokens all get the
 * same contract 401. The header's alg only chooses which verifier refuses or accepts the token.
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
    const { JWT_JWKS_URL: jwksUrl, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = app.config;
    const verifyExternal = jwksUrl && issuer ? createExternalTokenVerifier(app.db, { jwksUrl, issuer, ...(audience ? { audience } : {}) }) : null;
    app.decorateRequest('userId', '');
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header || !/^Bearer [A-Za-z0-9_\-.]+$/.test(header)) throw unauthorized();
      if (verifyExternal && headerAlg(header.slice(7)) === 'RS256') {
        request.userId = await verifyExternal(header.slice(7));
        return;
      }
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
