import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEMO_FAULTS, DEMO_PAGES, DEMO_REDIRECTS, type DemoPage } from './routes.js';

export interface DemoApp {
  /** Origin without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** src/app/<name> next to this file; from dist/, fall back to the sources (tsc does not copy assets). */
function dir(name: string): string {
  const here = fileURLToPath(new URL(`./${name}/`, import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL(`../../src/app/${name}/`, import.meta.url));
}

const read = (d: string, f: string) => readFileSync(d + f, 'utf8');

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
}

function renderer() {
  const pagesDir = dir('pages');
  const layout = read(pagesDir, 'layout.html');
  const nav = read(pagesDir, 'nav.html');
  const render = (page: Pick<DemoPage, 'title' | 'bare'>, name: string, main: string) =>
    fill(layout, { title: page.title, page: name, nav: page.bare ? '' : nav, main });
  const pages = new Map(DEMO_PAGES.map((p) => [p.path, render(p, p.file.replace('.html', ''), read(pagesDir, p.file))]));
  const notFound = render({ title: 'Not found' }, 'not-found', '<h1>Page not found</h1><p class="muted">Nothing lives at this address.</p>');
  const serverError = render({ title: 'Error' }, 'error', '<h1>Something went wrong</h1><p class="alert" role="alert">The server failed to handle this request.</p>');
  return { pages, notFound, serverError };
}

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startDemoApp(options: { port?: number } = {}): Promise<DemoApp> {
  const { pages, notFound, serverError } = renderer();
  const assetsDir = dir('assets');
  const assets = new Map(['app.css', 'app.js'].map((f) => [`/assets/${f}`, { body: read(assetsDir, f), type: TYPES[f.slice(f.lastIndexOf('.'))]! }]));

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const page = pages.get(path);
    const asset = assets.get(path);
    const redirect = DEMO_REDIRECTS[path];
    if (page) send(200, 'text/html; charset=utf-8', page);
    else if (asset) send(200, asset.type, asset.body);
    else if (redirect) {
      res.writeHead(302, { location: redirect, 'cache-control': 'no-store' });
      res.end();
    } else if (path === DEMO_FAULTS.hang) {
      // Headers and a first chunk, then nothing: the load event never fires.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><title>Still loading</title><main><h1>Still loading…</h1>');
    } else if (path === DEMO_FAULTS.apiError) send(500, 'application/json', JSON.stringify({ error: 'reports backend unavailable' }));
    else if (path === DEMO_FAULTS.pageError) send(500, 'text/html; charset=utf-8', serverError);
    else if (path === '/api/health') send(200, 'application/json', '{"ok":true}');
    else send(404, 'text/html; charset=utf-8', notFound);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The hanging endpoint (and keep-alive sockets) would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
