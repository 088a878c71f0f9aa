import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuthResponse, ErrorBody, LoginBody, SignupBody, User } from '@claude-scope/contracts';
import { createUser, EmailTakenError, findUserByEmail, findUserById } from '@claude-scope/db';
import { HttpError, unauthorized } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';

/** Emails are trimmed before validation and compared lower-cased. */
const normalizeEmail = async (request: { body: unknown }) => {
  const body = request.body as { email?: unknown } | undefined;
  if (body && typeof body.email === 'string') body.email = body.email.trim();
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const rateLimit = { max: app.config.AUTH_RATE_LIMIT_MAX, timeWindow: app.config.AUTH_RATE_LIMIT_WINDOW_MS };

  app.post(
    '/signup',
    {
      config: { rateLimit },
      preValidation: normalizeEmail,
      schema: {
        tags: ['auth'],
        security: [],
        body: SignupBody,
        response: { 201: AuthResponse, 400: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { name, email, password } = request.body;
      const passwordHash = await hashPassword(password);
      try {
        const user = await createUser(app.db, { name, email: email.toLowerCase(), passwordHash });
        const accessToken = app.jwt.sign({ sub: user.id });
        return reply.code(201).send({ accessToken, user });
      } catch (err) {
        if (err instanceof EmailTakenError) throw new HttpError(409, 'email is already registered');
        throw err;
      }
    },
  );

  app.post(
    '/login',
    {
      config: { rateLimit },
      preValidation: normalizeEmail,
      schema: {
        tags: ['auth'],
        security: [],
        body: LoginBody,
        response: { 200: AuthResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const { email, password } = request.body;
      const row = await findUserByEmail(app.db, email.toLowerCase());
      if (!(await verifyPassword(row?.passwordHash ?? undefined, password)) || !row) throw unauthorized('Invalid credentials');
      const user = (await findUserById(app.db, row.id))!;
      return { accessToken: app.jwt.sign({ sub: row.id }), user };
    },
  );

  app.get(
    '/me',
    { onRequest: app.authenticate, schema: { tags: ['auth'], response: { 200: User, 401: ErrorBody } } },
    async (request) => {
      const user = await findUserById(app.db, request.userId);
      // A valid token for a deleted account authenticates nobody.
      if (!user) throw unauthorized();
      return user;
    },
  );
};

export default routes;
