import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../lib/errors.js';

/** services/web/dist, from src/plugins or dist/plugins alike. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Paths that belong to the server: an unknown one keeps the API's JSON 404 instead of the app's page. */
const SERVER_PATH = /^\/(api|admin|metrics|mcp)(\/|$)/;

export interface WebOptions {
  /** Directory of the built web app (tests point it elsewhere). */
  root?: string;
}

/**
 * Serves the built web app (services/web) at `/`, with an SPA fallback: any other GET path without a file
 * extension answers index.html so client-side routes survive a reload. Without a build the API still runs.
 */
export default async function webPlugin(app: FastifyInstance, opts: WebOptions = {}): Promise<void> {
  const root = opts.root ?? WEB_DIST;
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built, so / serves nothing: run `pnpm --filter @claude-scope/web build`');
    return;
  }
  // Only the reply.sendFile decorator: routing is ours, so the fallback and the JSON 404s stay in one place.
  // The build writes a .br and a .gz beside each text file (services/web/vite.config.ts): served to browsers that
  // accept them, the file itself to others (and for files without them).
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  const maxParamLength = app.initialConfig.maxParamLength ?? 100;
  app.get('/*', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (SERVER_PATH.test(pathname)) {
      // This wildcard also catches a server path the router could not match because one of its segments is
      // longer than a path parameter may be: answer as the router does without the web app (frameworkErrors).
      if (pathname.split('/').some((segment) => segment.length > maxParamLength)) {
        return reply.code(400).send(errorBody(400, 'a path parameter is too long'));
      }
      return reply.callNotFound();
    }
    if (path.posix.extname(pathname)) {
      // Vite's hashed bundles never change under a name; anything else is revalidated.
      const hashed = pathname.startsWith('/assets/');
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(pathname, { cacheControl: false });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
