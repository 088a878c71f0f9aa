import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** The OpenAPI document is generated from the same typebox schemas that validate requests. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Claude Scope API',
          version: '1.0.0',
          description: 'Turns a screen recording of a browser session into an agent-ready prompt.',
        },
        servers: [{ url: '/' }],
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An accessToken from /auth/signup or /auth/login (HS256 JWT); an API token (cs_pat_…, from POST /api/tokens: `read` allows GET routes, `write` every route; a missing scope is a 403); with JWT_JWKS_URL configured, also an RS256 access token of that identity provider.' } } },
        security: [{ bearerAuth: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
