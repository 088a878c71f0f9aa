import { STATUS_CODES } from 'node:http';
import type { App } from '../src/app.js';

/** Helpers of the bad-input suites (bad-input-*.test.ts): the app's routes, multipart bodies, the contract's error shape. */

export interface RouteRef {
  method: string;
  /** As registered: `/api/sessions/:id`. */
  url: string;
}

/**
 * Every route the app has, read from the app itself (fastify's route tree), so a route added later is fuzzed
 * without anyone listing it. HEAD routes (fastify adds one per GET) are left out: they answer like the GET.
 */
export function listRoutes(app: App): RouteRef[] {
  const routes: RouteRef[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    // `│   ├── /:id (GET, HEAD, PATCH, DELETE)`: four characters per level of the tree.
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (prefixes[depth - 1] ?? '') + m[2]!;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push({ method, url });
  }
  return routes;
}

export const routeKey = (r: RouteRef) => `${r.method} ${r.url}`;

/** Routes anyone may call (API.md, Authentication); every other route must answer 401 without a valid token. */
export function isPublic(r: RouteRef): boolean {
  return (
    ['POST /api/auth/signup', 'POST /api/auth/login', 'GET /api/health', 'GET /api/ready', 'GET /api/openapi.json', 'GET /metrics'].includes(
      routeKey(r),
    ) || r.url.startsWith('/api/docs')
  );
}

/**
 * Routes whose errors follow another protocol, so only "never >= 500" holds for them: /mcp answers JSON-RPC 2.0
 * error objects (and 405 to methods a stateless server does not serve), as the MCP specification requires. Its
 * authentication still answers the contract's 401.
 */
export function hasOwnErrorFormat(r: RouteRef): boolean {
  return r.url === '/mcp';
}

export interface ErrorShape {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * The contract's error: `{statusCode, error, message}` with the response's own status, its HTTP reason, and a
 * message that names something; never a stack, SQL or an internal path.
 */
export function contractErrorProblem(res: { statusCode: number; body: string; headers: Record<string, unknown> }): string | undefined {
  let body: Partial<ErrorShape>;
  try {
    body = JSON.parse(res.body) as Partial<ErrorShape>;
  } catch {
    return `not JSON: ${res.body.slice(0, 200)}`;
  }
  if (body.statusCode !== res.statusCode) return `statusCode ${String(body.statusCode)} in a ${res.statusCode} response`;
  if (body.error !== STATUS_CODES[res.statusCode]) return `error "${String(body.error)}" is not "${STATUS_CODES[res.statusCode]}"`;
  if (typeof body.message !== 'string' || body.message.length === 0) return 'no message';
  if (/\bat .+:\d+:\d+|select .+ from|insert into|update "|\/tmp\//i.test(body.message)) return `message leaks internals: ${body.message}`;
  return undefined;
}

/** Percent-encodes every UTF-8 byte that is not unreserved: safe for any string, lone surrogates included. */
export function encodeSegment(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A JSON number or token written as is (`1e400`, `-0`, `NaN`), which JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text with RawJson values spliced in verbatim. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

export const BOUNDARY = 'bad-input-boundary-7f3a';

export interface FormPart {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body by hand, so a test can also send what no well-behaved client would. */
export function multipartBody(parts: FormPart[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.contentType ? `\r\ncontent-type: ${p.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}${type}\r\n\r\n`, 'utf8'));
    chunks.push(typeof p.value === 'string' ? Buffer.from(p.value, 'utf8') : p.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const multipartHeaders = (boundary = BOUNDARY) => ({ 'content-type': `multipart/form-data; boundary=${boundary}` });
