import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import webPlugin from '../../../api/src/plugins/web.js';

/** The API's web plugin on a bare Fastify with the API's kind of JSON 404, against a fake build. */
async function appWith(root: string, logs: string[] = []) {
  const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => logs.push(line) } } });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${req.method} ${req.url} not found` }));
  app.get('/api/health', async () => ({ status: 'ok' }));
  app.get('/metrics', async () => 'metrics');
  await app.register(webPlugin, { root });
  await app.ready();
  return app;
}

describe('web plugin (services/api/src/plugins/web.ts)', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'cs-web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves index.html for / and client routes, uncached', async () => {
    const app = await appWith(dist);
    for (const url of ['/', '/sessions', '/sessions/sess_ABC12345?tab=codex', '/settings']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
    expect((await app.inject({ method: 'HEAD', url: '/sessions' })).statusCode).toBe(200);
    await app.close();
  });

  it('serves the build\'s precompressed copies to browsers that accept them, the file itself otherwise', async () => {
    const app = await appWith(dist);
    const js = '/assets/index-abc123.js';
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), gzipSync('console.log(1)'));
    const br = await app.inject({ url: js, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
    const gz = await app.inject({ url: js, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe('console.log(1)');
    const plain = await app.inject(js);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    // A file built without copies (too small to be worth one) is served as it is, whatever the browser accepts.
    const svg = await app.inject({ url: '/favicon.svg', headers: { 'accept-encoding': 'br' } });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-encoding']).toBeUndefined();
    expect(svg.body).toBe('<svg/>');
    const page = await app.inject({ url: '/sessions', headers: { 'accept-encoding': 'br' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    await app.close();
  });

  it('answers a server path with a segment too long for a path parameter as the router would: 400', async () => {
    const app = await appWith(dist);
    const res = await app.inject(`/api/sessions/${'%00'.repeat(60)}/frames/frm_AAAAAAAAAAAA/image`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'a path parameter is too long' });
    expect((await app.inject('/api/nope')).statusCode).toBe(404);
    await app.close();
  });

  it('serves built files, hashed bundles as immutable, and 404s missing ones', async () => {
    const app = await appWith(dist);
    const js = await app.inject('/assets/index-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject('/favicon.svg')).headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/assets/gone-123.js')).statusCode).toBe(404);
    expect((await app.inject('/../../etc/passwd.txt')).statusCode).not.toBe(200);
    await app.close();
  });

  it('leaves the API, admin, metrics and MCP paths to the server: routes answer, unknown ones get the JSON 404', async () => {
    const app = await appWith(dist);
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/metrics')).body).toBe('metrics');
    for (const url of ['/api/nope', '/api', '/admin/queues', '/metrics/x', '/mcp', '/mcp/x']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect((await app.inject({ method: 'POST', url: '/sessions' })).statusCode).toBe(404);
    await app.close();
  });

  it('starts without a build and says so', async () => {
    const logs: string[] = [];
    const app = await appWith(path.join(dist, 'missing'), logs);
    expect((await app.inject('/')).statusCode).toBe(404);
    expect(logs.join('\n')).toContain('web app not built');
    await app.close();
  });
});
