import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { TokenScope } from '@claude-scope/contracts';
import { findActiveApiToken, touchApiToken } from '@claude-scope/db';
import { hashApiToken, isWellFormedApiToken, looksLikeApiToken, scopeForMethod } from '../lib/api-tokens.js';
import { HttpError, unauthorized } from '../lib/errors.js';
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
    /** Set when the request signed in with an API token (`cs_pat_…`) rather than a sign-in JWT. */
    apiToken: { id: string; scopes: TokenScope[] } | null;
  }
  interface FastifyContextConfig {
    /** The API-token scope a route needs, when not the one its method implies (GET: read, else write). */
    apiTokenScope?: TokenScope;
  }
}

/** `lastUsedAt` is written at most this often per token, so a client polling every 2 s does not write each time. */
const LAST_USED_THROTTLE_S = 60;

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
 * API tokens (`cs_pat_…`, see authenticateApiToken), our own HS256 JWTs, and with JWT_JWKS_URL also an
 * external identity provider's RS256 ones. Each verifier pins its one algorithm, so `alg: none`, an
 * HS256 token "signed" with the provider's public key, and any other algorithm are refused; expired,
 * tampered and wrongly signed tokens all get the same contract 401. The header's alg only chooses which verifier refuses or accepts the token.
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
    app.decorateRequest('apiToken', null);

    /**
     * API tokens: looked up by hash on every request, so a revoked (deleted) or expired token stops
     * working at once on every replica. `write` includes `read`.
     */
    async function authenticateApiToken(request: FastifyRequest, credential: string) {
      if (!isWellFormedApiToken(credential)) throw unauthorized();
      const token = await findActiveApiToken(app.db, hashApiToken(credential));
      if (!token) throw unauthorized();
      const needed = request.routeOptions.config.apiTokenScope ?? scopeForMethod(request.method);
      if (!(token.scopes.includes(needed) || token.scopes.includes('write'))) {
        throw new HttpError(403, `this API token lacks the "${needed}" scope`);
      }
      if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_THROTTLE_S * 1000) {
        // Bookkeeping only: a failed write must not fail the request.
        await touchApiToken(app.db, token.id, LAST_USED_THROTTLE_S).catch((err: unknown) => request.log.warn({ err, tokenId: token.id }, 'could not record API token use'));
      }
      request.userId = token.userId;
      request.apiToken = { id: token.id, scopes: token.scopes };
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header || !/^Bearer [A-Za-z0-9_\-.]+$/.test(header)) throw unauthorized();
      if (looksLikeApiToken(header.slice(7))) return authenticateApiToken(request, header.slice(7));
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
