import { eq } from 'drizzle-orm';
import type { AriaNode, ProcessingStatus } from '@claude-scope/contracts';
import { completeSessionProcessing, schema } from '@claude-scope/db';
import { render, type Analysis } from '@claude-scope/prompt';
import { frameImageKey } from '@claude-scope/storage';
import type { App } from '../src/app.js';
import { createSession, type TestUser } from './helpers.js';

/**
 * A processed session without a worker: the rows and objects synthesis writes (frames with marked ARIA trees,
 * full-size images in S3, the stored analysis, per-lane status) through the same repository the worker uses,
 * so every read route and MCP tool sees exactly what a real recording leaves behind.
 */

// A 2×2 PNG: real enough for image content and the full-image route.
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
export const PNG = Buffer.from(PNG_BASE64, 'base64');

const login: AriaNode[] = [
  {
    role: 'main',
    name: '',
    children: [
      { role: 'heading', name: 'Sign in', level: 1 },
      { role: 'textbox', name: 'Email' },
      { role: 'button', name: 'Sign in' },
    ],
  },
];
const failed: AriaNode[] = [
  {
    role: 'main',
    name: '',
    children: [
      { role: 'heading', name: 'Sign in', level: 1 },
      { role: 'textbox', name: 'Email', invalid: true, diffStatus: 'changed', previous: { invalid: false } },
      { role: 'alert', name: 'Incorrect email or password', diffStatus: 'added' },
      { role: 'button', name: 'Sign in' },
    ],
  },
];
const dashboard: AriaNode[] = [
  { role: 'main', name: '', diffStatus: 'removed', children: [{ role: 'heading', name: 'Sign in', level: 1, diffStatus: 'removed' }] },
  {
    role: 'navigation',
    name: 'Main',
    diffStatus: 'added',
    children: [
      { role: 'link', name: 'Home', diffStatus: 'added' },
      { role: 'link', name: 'Settings', diffStatus: 'added' },
    ],
  },
];

export const STEPS = [
  { t: 0, url: 'http://app.test/login', tree: login, summary: { added: 0, changed: 0, removed: 0 } },
  { t: 2100, url: 'http://app.test/login', tree: failed, summary: { added: 1, changed: 1, removed: 0 } },
  { t: 5200, url: 'http://app.test/dashboard', tree: dashboard, summary: { added: 3, changed: 0, removed: 2 } },
];

function lanes(stage: ProcessingStatus['overallStage'], lane: ProcessingStatus['videoLane']['status'], progress: number): ProcessingStatus {
  const now = new Date().toISOString();
  const l = { status: lane, progress, startedAt: now };
  return { overallStage: stage, videoLane: { ...l, detail: '3 frames' }, playwrightLane: { ...l }, visionLane: { ...l }, synthesis: { status: 'pending', progress: 0 }, lastUpdated: now };
}

export async function seedProcessedSession(app: App, user: TestUser, title = 'Login fails with a valid password'): Promise<string> {
  const session = await createSession(app, user, { title, seedUrl: 'http://app.test/login', notes: 'Signing in shows an error although the password is right' });
  const id: string = session.id;
  await app.db.update(schema.sessions).set({ processingStatus: lanes('synthesizing', 'complete', 100) }).where(eq(schema.sessions.id, id));
  const analysis: Analysis = {
    title,
    notes: session.notes,
    seedUrl: 'http://app.test/login',
    urls: ['http://app.test/login', 'http://app.test/dashboard'],
    durationMs: 6000,
    steps: STEPS.map((s, i) => ({
      index: i + 1,
      timestamp: s.t,
      url: s.url,
      ...(i ? { action: i === 1 ? 'click button "Sign in"' : 'navigate to http://app.test/dashboard' } : {}),
      changes: [],
      ariaTree: s.tree,
      diffSummary: s.summary,
      consoleErrors: i === 1 ? ['TypeError: cannot read properties of undefined (reading "token")'] : [],
      failedRequests: i === 1 ? [{ method: 'POST', url: 'http://app.test/api/login', status: 500 }] : [],
    })),
  };
  const frames = [];
  for (const s of STEPS) {
    const key = frameImageKey(id, s.t);
    await app.storage.putBuffer(key, PNG, 'image/png');
    frames.push({ timestamp: s.t, url: s.url, thumbnailUrl: `data:image/png;base64,${PNG_BASE64}`, imageKey: key, diffSummary: s.summary, ariaTree: s.tree });
  }
  const prompt = render(analysis, { includeScreenshots: false, inlineAriaTree: true, includeRawDiff: false }, 'CLAUDE_CODE');
  const done = await completeSessionProcessing(app.db, id, { frames, duration: 6, urls: analysis.urls, prompt, analysis });
  if (!done) throw new Error('could not complete the session');
  return id;
}

/** A session whose lanes are still running. */
export async function seedProcessingSession(app: App, user: TestUser): Promise<string> {
  const session = await createSession(app, user, { title: 'Still processing', seedUrl: 'http://app.test/' });
  await app.db.update(schema.sessions).set({ processingStatus: lanes('analyzing', 'running', 40) }).where(eq(schema.sessions.id, session.id));
  return session.id;
}

/** A session whose trees are far bigger than one tool answer: 3 000 list items, then 2 000 new links. */
export async function seedLargeSession(app: App, user: TestUser): Promise<string> {
  const session = await createSession(app, user, { title: 'Huge page', seedUrl: 'http://app.test/huge' });
  const id: string = session.id;
  const name = (i: number) => `Item ${i} ${'lorem ipsum dolor sit amet '.repeat(3)}`;
  const first: AriaNode[] = [{ role: 'main', name: '', children: [{ role: 'list', name: 'Items', children: Array.from({ length: 3000 }, (_, i) => ({ role: 'listitem', name: name(i) })) }] }];
  const second: AriaNode[] = [
    { ...first[0]!, diffStatus: 'removed' },
    ...Array.from({ length: 2000 }, (_, i): AriaNode => ({ role: 'link', name: name(i), diffStatus: 'added' })),
  ];
  const frames = [first, second].map((tree, i) => ({
    timestamp: i * 1000,
    url: 'http://app.test/huge',
    thumbnailUrl: `data:image/png;base64,${PNG_BASE64}`,
    imageKey: null,
    diffSummary: i ? { added: 2000, changed: 0, removed: 3002 } : { added: 0, changed: 0, removed: 0 },
    ariaTree: tree,
  }));
  const done = await completeSessionProcessing(app.db, id, { frames, duration: 2, urls: ['http://app.test/huge'], prompt: 'x'.repeat(59_000), analysis: null });
  if (!done) throw new Error('could not complete the session');
  return id;
}
