import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findUnstorableText } from '@claude-scope/contracts';
import { makeTestVideo } from '@claude-scope/testkit';
import {
  RawJson,
  contractErrorProblem,
  encodeSegment,
  hasOwnErrorFormat,
  isPublic,
  listRoutes,
  multipartBody,
  multipartHeaders,
  routeKey,
  toJsonText,
  type FormPart,
  type RouteRef,
} from './bad-input-helpers.js';
import { createSession, signup, useTestApp, type TestUser } from './helpers.js';

/**
 * Property-based bad input over every route the app has (acceptance 3 of issue 18): hostile strings, numbers,
 * wrong JSON types and unknown fields in every path parameter, querystring and JSON body, and hostile form
 * fields in the upload. The one rule: no response >= 500, and every error is the contract's
 * `{statusCode, error, message}` with a status the contract knows. Fixed seed, bounded runs: deterministic.
 */

const SEED = 18_2026;
const RUNS = 25;
// Routes that ask every dependency (S3, Redis, Postgres) per request: fewer runs keep the file near 30 s.
const runsFor = (r: { url: string }) => (r.url === '/api/ready' || r.url === '/metrics' ? 8 : RUNS);
// What a client mistake may get (API.md, Conventions); anything else (a 500, a 406, a 405) fails.
const CLIENT_ERRORS = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429]);

// ---- hostile values ----------------------------------------------------------------------------------------

const hostileChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', '\u202e', '\ufeff', '\u200b', '\uffff', '%', '/', '\\', '"', "'", '\n', '\r', '\t'),
);
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    'title\u0000',
    '\ud800',
    'x\udc00y',
    '💥🧨'.repeat(200),
    'é'.repeat(501),
    'x'.repeat(2001),
    '%00',
    '%ZZ',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'https://example.com/\u0000',
    'https://ex\u0000ample.com/',
    'sess_ABC12345\u0000',
    'sess_ABCDEFGH',
    'usr_AAAAAAAAAAAA',
    'frm_AAAAAAAAAAAA',
    'NaN',
    'Infinity',
    '-1',
    '2147483648',
    '1e308',
    'null',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: hostileChar, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: hostileChar, minLength: 490, maxLength: 2100 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 3e9, 9_999_999_999, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // What JSON.stringify cannot write: overflowing to Infinity when parsed, and tokens that are not JSON at all.
  fc.constantFrom('1e400', '-1e400', '1E+999', '-0', '0.0000000000000000000001', '123456789012345678901234567890').map((t) => new RawJson(t)),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '0x10', '+1', '.5').map((t) => new RawJson(t)),
);
const wrongType = fc.oneof(fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }, [[[[[]]]]]), fc.jsonValue({ maxDepth: 3 }));
const hostileValue = fc.oneof(hostileString, hostileNumber, wrongType, fc.array(hostileString, { maxLength: 3 }));

// ---- the routes and their schemas, from the app ----------------------------------------------------------

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  items?: JsonSchema;
  minItems?: number;
}
interface Operation {
  parameters?: Array<{ in: string; name: string; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** A value the schema accepts, so a request can carry one hostile field among valid ones. */
function sample(schema: JsonSchema, fixture: Fixture): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, fixture);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'email') return `fuzz-${randomBytes(4).toString('hex')}@example.com`;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri' || schema.pattern?.includes('[Tt][Tt][Pp]')) return 'https://example.com/page';
      if (schema.pattern?.startsWith('^sess_')) return fixture.sessionId;
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 8));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => (schema.items ? sample(schema.items, fixture) : null));
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties![k]!, fixture)]));
    default:
      return null;
  }
}

/** Whether the schema's JSON types admit the value (RawJson tokens are numbers or invalid JSON). */
function typeAccepts(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((s) => typeAccepts(s, value));
  if (schema.enum || schema.const !== undefined) return true; // judged by value, not type
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return true;
  const actual =
    value === null ? 'null' : Array.isArray(value) ? 'array' : value instanceof RawJson ? 'number' : typeof value === 'object' ? 'object' : typeof value;
  return types.some((t) => t === actual || (t === 'integer' && actual === 'number') || (t === 'number' && actual === 'number'));
}

interface Fixture {
  user: TestUser;
  sessionId: string;
}

describe('bad input, property-based, over every route', () => {
  const t = useTestApp({
    QUEUE_PREFIX: `bad-input-${randomBytes(4).toString('hex')}`,
    // Unknown to configs that predate the upload limits; high enough that fuzzing is not rate limited.
    UPLOAD_RATE_LIMIT: '100000',
    MAX_PROCESSING_PER_ACCOUNT: '100000',
  });
  let fixture: Fixture;
  let routes: RouteRef[];
  let doc: { paths: Record<string, Record<string, Operation>> };
  let video: Buffer;
  const problems: string[] = [];

  beforeAll(async () => {
    const user = await signup(t.app);
    fixture = { user, sessionId: (await createSession(t.app, user, { title: 'Fuzz target' })).id as string };
    routes = listRoutes(t.app);
    doc = t.app.swagger() as unknown as typeof doc;
    video = await readFile((await makeTestVideo({ durationMs: 1000, width: 160, height: 120, changesAtMs: [] })).path);
  });

  beforeEach(() => {
    problems.length = 0;
  });

  const operation = (r: RouteRef): Operation | undefined =>
    doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];

  /**
   * Runs one property per route and part; a failure is recorded (its shrunk counterexample and what broke),
   * so one run reports every route that breaks the rule, not only the first.
   */
  async function run<Ts extends [unknown, ...unknown[]]>(label: string, property: fc.IAsyncPropertyWithHooks<Ts>, numRuns = RUNS) {
    try {
      await fc.assert(property, { seed: SEED, numRuns });
    } catch (err) {
      const text = String((err as Error).message);
      const cause = (err as { cause?: unknown }).cause;
      const what = cause instanceof Error ? cause.message : (text.split('\n').find((l) => l.includes('→')) ?? '');
      const example = text.split('\n').find((l) => l.startsWith('Counterexample')) ?? text;
      problems.push(`${label}: ${what.slice(0, 600)}\n  ${example.slice(0, 400)}`);
    }
  }

  /** Sends one request; throws what breaks the rule. `status400` when the input must be refused. */
  async function check(
    label: string,
    req: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer; ownErrors?: boolean },
    expectation: { status400?: boolean; names?: string } = {},
  ): Promise<void> {
    const res = await t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: { ...fixture.user.auth, ...req.headers },
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
    const where = `${label}: ${req.method} ${req.url.slice(0, 160)} ${typeof req.payload === 'string' ? req.payload.slice(0, 160) : ''}`;
    let problem: string | undefined;
    // Readiness answers 503 when a dependency is slow to answer (2 s), which a loaded test machine can be: its
    // documented answer, in the contract's shape, not a failure to handle the input.
    const readinessVerdict = res.statusCode === 503 && req.url.startsWith('/api/ready');
    if (res.statusCode >= 500 && !readinessVerdict) problem = `${res.statusCode} ${res.body.slice(0, 200)}`;
    else if (readinessVerdict) problem = contractErrorProblem(res);
    else if (req.ownErrors) problem = undefined;
    else if (res.statusCode >= 400 && !CLIENT_ERRORS.has(res.statusCode)) problem = `unexpected status ${res.statusCode}: ${res.body.slice(0, 200)}`;
    else if (res.statusCode >= 400) problem = contractErrorProblem(res);
    if (!problem && expectation.status400 && res.statusCode !== 400 && res.statusCode !== 413) {
      problem = `expected 400, got ${res.statusCode}: ${res.body.slice(0, 200)}`;
    }
    if (!problem && expectation.names && res.statusCode === 400) {
      const message = (res.json() as { message: string }).message;
      if (!message.startsWith(expectation.names)) problem = `400 does not name ${expectation.names}: ${message}`;
    }
    if (problem) throw new Error(`${where} → ${problem}`);
  }

  /** A route's URL with its parameters filled: the fixture's ids unless overridden. */
  function fill(r: RouteRef, overrides: Record<string, string> = {}): string {
    return r.url.replace(/:(\w+)|\*/g, (m, name: string | undefined) => {
      const key = name ?? '*';
      if (overrides[key] !== undefined) return overrides[key];
      if (key === 'id') return r.method === 'DELETE' ? 'sess_ZZZZZZZZ' : fixture.sessionId;
      if (key === 'frameId') return 'frm_AAAAAAAAAAAA';
      return 'x';
    });
  }

  it('reads the routes from the app', () => {
    const keys = routes.map(routeKey);
    for (const known of ['POST /api/recordings', 'PATCH /api/sessions/:id', 'GET /api/sessions/:id/frames/:frameId/image', 'PATCH /api/settings']) {
      expect(keys).toContain(known);
    }
  });

  it('path parameters: hostile segments never get a 500; a NUL or lone surrogate is a 400', async () => {
    const withParams = routes.filter((r) => /[:*]/.test(r.url));
    expect(withParams.length).toBeGreaterThan(3);
    const rawSegment = fc.oneof(
      hostileString.map((s) => ({ text: encodeSegment(s), value: s })),
      fc.constantFrom('%', '%zz', '%FF', '%C0%80', '%ED%A0%80', '%E2%82', '..', '%2e%2e', '%2F', 'a%00b').map((text) => ({ text, value: undefined })),
    );
    for (const r of withParams) {
      const names = [...r.url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      const schemaParams = new Set((operation(r)?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      await run(
        `path ${routeKey(r)}`,
        fc.asyncProperty(fc.constantFrom(...names), rawSegment, async (name, seg) => {
          const unstorable = seg.value !== undefined && schemaParams.has(name) && findUnstorableText(onTheWire(seg.value)) !== undefined;
          // A DELETE never gets the fixture's id, so a run cannot remove what the others use.
          await check(`path ${routeKey(r)} :${name}`, { method: r.method, url: fill(r, { [name]: seg.text }), ownErrors: hasOwnErrorFormat(r), ...jsonIfBody(r) }, { status400: unstorable });
        }),
      );
    }
    expect(problems).toEqual([]);
  });

  it('querystrings: hostile values for declared and unknown parameters never get a 500', async () => {
    for (const r of routes) {
      const declared = (operation(r)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const name = fc.oneof(declared.length ? fc.constantFrom(...declared) : fc.constant('x'), hostileString.filter((s) => s.length > 0 && s.length < 50));
      const entries = fc.array(fc.tuple(name, fc.oneof(hostileString, hostileNumber.map((n) => (n instanceof RawJson ? n.text : String(n))))), {
        minLength: 1,
        maxLength: 3,
      });
      await run(
        `query ${routeKey(r)}`,
        fc.asyncProperty(entries, async (pairs) => {
          const query = pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
          const unstorable = declared.length > 0 && pairs.some(([k, v]) => declared.includes(k) && findUnstorableText(onTheWire(v)) !== undefined);
          // A real upload would wait for processing: asking for the async answer keeps a run short.
          const url = `${fill(r)}?${query}${r.url === '/api/recordings' ? '&wait=false' : ''}`;
          await check(`query ${routeKey(r)}`, { method: r.method, url, ownErrors: hasOwnErrorFormat(r), ...jsonIfBody(r) }, { status400: unstorable });
        }),
        runsFor(r),
      );
    }
    expect(problems).toEqual([]);
  });

  it('JSON bodies: one hostile field among valid ones, or an unknown one; a NUL or a wrong type is a 400 naming it', async () => {
    const withBody = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    for (const r of withBody) {
      const schema = operation(r)?.requestBody?.content?.['application/json']?.schema;
      const props = Object.keys(schema?.properties ?? {});
      const EXTRA = '\u0001extra';
      const field = props.length ? fc.constantFrom(...props, EXTRA) : fc.constant(EXTRA);
      const extraName = fc.oneof(fc.constantFrom('id', 'userId', 'createdAt', 'updatedAt', 'lastError', '__proto__', 'constructor', 'x\u0000'), fc.string({ minLength: 1, maxLength: 20 }));
      await run(
        `body ${routeKey(r)}`,
        fc.asyncProperty(field, extraName, hostileValue, fc.boolean(), async (prop, extra, value, wholeBodyHostile) => {
          if (!schema || wholeBodyHostile) {
            // No schema to aim at (or a whole body that is not an object): any JSON at all.
            return check(`body ${routeKey(r)}`, { method: r.method, url: fill(r), ownErrors: hasOwnErrorFormat(r), headers: { 'content-type': 'application/json' }, payload: toJsonText(value) });
          }
          const body = sample(schema, fixture) as Record<string, unknown>;
          let expectation: { status400?: boolean; names?: string } = {};
          if (prop === EXTRA) {
            if (props.includes(extra) || extra === '__proto__') return;
            body[extra] = value;
            expectation = { status400: true, names: extra.includes('\u0000') ? '' : extra };
          } else {
            body[prop] = value;
            const propSchema = schema.properties![prop]!;
            if (!typeAccepts(propSchema, value) || findUnstorableText(value instanceof RawJson ? 0 : value)) expectation = { status400: true, names: prop };
            if (value instanceof RawJson && !/^-?\d/.test(value.text)) expectation = { status400: true }; // not JSON: the parser refuses it
          }
          return check(`body ${routeKey(r)} .${prop === EXTRA ? extra : prop}`, {
            method: r.method,
            url: fill(r),
            ownErrors: hasOwnErrorFormat(r),
            headers: { 'content-type': 'application/json' },
            payload: toJsonText(body),
          }, expectation);
        }),
        r.url.startsWith('/api/auth') ? 15 : RUNS,
      );
    }
    expect(problems).toEqual([]);
  });

  it('bodies of any content type (declared or not, with odd charsets, or none) never get a 500', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'video/webm',
      '',
    );
    const payload = fc.oneof(hostileString, wrongType.map((v) => toJsonText(v)), fc.constantFrom('{"title":', '{"title":"x"}', '\u0000', '[]'.repeat(10_000)));
    for (const r of routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))) {
      await run(
        `content type ${routeKey(r)}`,
        fc.asyncProperty(contentType, payload, async (type, body) => {
          const url = `${fill(r)}${r.url === '/api/recordings' ? '?wait=false' : ''}`;
          await check(`content type ${routeKey(r)} ${type}`, { method: r.method, url, ownErrors: hasOwnErrorFormat(r), headers: type ? { 'content-type': type } : {}, payload: body });
        }),
        r.url.startsWith('/api/auth') ? 10 : 15,
      );
    }
    expect(problems).toEqual([]);
  });

  it('every route refuses a forged token with the exact 401 (or is public by the contract)', async () => {
    const forged = fc.oneof(
      fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c3JfQUFBQUFBQUFBQUFBIn0.'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => `Bearer ${s}`),
      // Our own token with one character of its signature changed.
      fc.nat(20).map((i) => {
        const tok = fixture.user.token;
        const at = tok.length - 5 - i;
        return `Bearer ${tok.slice(0, at)}${tok[at] === 'A' ? 'B' : 'A'}${tok.slice(at + 1)}`;
      }),
    );
    for (const r of routes.filter((r) => !isPublic(r))) {
      await run(
        `token ${routeKey(r)}`,
        fc.asyncProperty(forged, async (authorization) => {
          const res = await t.app.inject({
            method: r.method as 'GET',
            url: fill(r),
            headers: authorization ? { authorization } : {},
            ...(jsonIfBody(r).payload !== undefined ? { payload: '{}', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } } : {}),
          });
          if (res.statusCode !== 401 || res.body !== '{"statusCode":401,"error":"Unauthorized","message":"Unauthorized"}') {
            throw new Error(`${routeKey(r)} with "${authorization.slice(0, 60)}" → ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }),
        8,
      );
    }
    expect(problems).toEqual([]);
  });

  it('the upload: hostile form fields never get a 500, and a refused upload leaves nothing stored', async () => {
    const stored: string[] = [];
    const putStream = t.app.storage.putStream.bind(t.app.storage);
    t.app.storage.putStream = (key, ...rest) => {
      stored.push(key);
      return putStream(key, ...rest);
    };
    const valid: Record<string, string> = { title: 'Fuzzed upload', seedUrl: 'https://example.com/start' };
    const timelineText = fc.oneof(
      hostileString,
      fc
        .array(
          fc.record({
            t: fc.oneof(fc.nat(10_000), hostileNumber),
            type: fc.constantFrom('navigate', 'click', 'fill', 'press', 'scroll', 'hover', '\u0000'),
            url: fc.oneof(fc.constant('https://example.com/'), hostileString),
            role: fc.oneof(fc.constant('button'), hostileString),
            name: hostileString,
            value: hostileString,
            key: hostileString,
            dy: hostileNumber,
          }, { requiredKeys: ['t', 'type'] }),
          { maxLength: 3 },
        )
        .map((events) => toJsonText(events)),
    );
    const fieldValue = (name: string) =>
      name === 'timeline' ? timelineText : name === 'durationMs' ? fc.oneof(hostileString, hostileNumber.map((n) => (n instanceof RawJson ? n.text : String(n)))) : hostileString;
    const names = ['title', 'seedUrl', 'notes', 'agentTarget', 'timeline', 'durationMs', 'file', 'x\u0000', 'extra'] as const;
    const seen = { accepted: 0, refused: 0 };
    const hostileFields = fc.array(fc.constantFrom(...names).chain((n) => fieldValue(n).map((v) => [n, v] as const)), { minLength: 1, maxLength: 3 });
    await run(
      'upload',
      fc.asyncProperty(hostileFields, fc.boolean(), async (fields, fileFirst) => {
        const before = stored.length;
        const parts: FormPart[] = [];
        const text = Object.entries({ ...valid, ...Object.fromEntries(fields) }).map(([name, value]) => ({ name, value }));
        const file = { name: 'file', value: video, filename: 'recording.webm', contentType: 'video/webm' };
        parts.push(...(fileFirst ? [file, ...text] : [...text, file]));
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/recordings?wait=false',
          headers: { ...fixture.user.auth, ...multipartHeaders() },
          payload: multipartBody(parts),
        });
        // UTF-8 on the wire turns a lone surrogate into U+FFFD (storable); NUL arrives as it is, and the
        // timeline's JSON may escape either.
        const unstorable = fields.some(([n, v]) => n.includes('\u0000') || v.includes('\u0000') || (n === 'timeline' && findUnstorableText(parseOrNull(v)) !== undefined));
        let problem: string | undefined;
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !CLIENT_ERRORS.has(res.statusCode))) problem = `${res.statusCode} ${res.body.slice(0, 200)}`;
        else if (res.statusCode >= 400) problem = contractErrorProblem(res);
        else if (res.statusCode !== 202) problem = `unexpected ${res.statusCode}`;
        else if (unstorable) problem = `accepted a field that cannot be stored`;
        if (!problem && res.statusCode >= 400) {
          for (const key of stored.slice(before)) if ((await t.app.storage.listKeys(key)).length > 0) problem = `${key} left in storage`;
        }
        if (problem) throw new Error(`upload ${JSON.stringify(fields).slice(0, 300)} → ${problem}`);
        seen[res.statusCode === 202 ? 'accepted' : 'refused']++;
      }),
      40,
    );
    expect(problems).toEqual([]);
    // Both ways were taken: hostile values that are valid after all went through to a session.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    // What was accepted goes with its session, so the shared bucket keeps nothing of this file.
    const list = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: fixture.user.auth });
    for (const s of list.json() as Array<{ id: string }>) {
      await t.app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: fixture.user.auth });
    }
  });
});

/** What the server decodes from a string sent as UTF-8 (a lone surrogate becomes U+FFFD). */
const onTheWire = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Routes that take a body get an empty JSON object, so only the part under test is hostile. */
function jsonIfBody(r: RouteRef): { headers?: Record<string, string>; payload?: string } {
  return ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url !== '/api/recordings'
    ? { headers: { 'content-type': 'application/json' }, payload: '{}' }
    : {};
}
