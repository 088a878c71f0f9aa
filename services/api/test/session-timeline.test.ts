import { describe, expect, it } from 'vitest';
import { completeSessionProcessing, saveLaneResult, schema } from '@claude-scope/db';
import { eq } from 'drizzle-orm';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const none = { added: 0, changed: 0, removed: 0 };

describe('GET /api/sessions/:id/timeline (ext)', () => {
  const t = useTestApp();

  /**
   * A session completed with frames carrying these actions, as the vision lane inferred them (and, optionally, an
   * uploaded timeline); the frames at `submitted` were values submitted with Enter.
   */
  async function seed(owner: Awaited<ReturnType<typeof signup>>, actions: unknown[], timeline?: unknown[], submitted: number[] = []): Promise<string> {
    const s = await createSession(t.app, owner, { title: 'seeded', seedUrl: 'http://app.test/login' });
    await t.app.db.update(schema.sessions).set({ status: 'processing', ...(timeline ? { timeline: timeline as never } : {}) }).where(eq(schema.sessions.id, s.id));
    const vision = actions.map((action, i) => ({ timestamp: i * 1000, changes: [], action: action as never, ...(submitted.includes(i) ? { submitted: true } : {}) }));
    expect(await saveLaneResult(t.app.db, s.id, 'vision', { frames: vision })).toBe(true);
    const frames = actions.map((action, i) => ({ timestamp: i * 1000, url: 'http://app.test/login', thumbnailUrl: PNG, imageKey: null, diffSummary: none, ariaTree: [], description: '', action: action as never }));
    expect(await completeSessionProcessing(t.app.db, s.id, { frames, duration: 3, urls: [], prompt: 'p', analysis: null })).toBe(true);
    return s.id;
  }

  it('an uploaded timeline wins, its events marked source "timeline"', async () => {
    const owner = await signup(t.app);
    const timeline = [{ t: 0, type: 'navigate', url: 'http://app.test/login' }, { t: 900, type: 'click', role: 'button', name: 'Sign in' }];
    const id = await seed(owner, [null, { t: 800, type: 'click', role: 'button', name: 'Other', source: 'video', confidence: 0.5 }], timeline);
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: owner.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ source: 'upload', events: timeline.map((e) => ({ ...e, source: 'timeline' })) });
  });

  it('without one, the timeline the video lane inferred: one step per field typed into, secrets masked', async () => {
    const owner = await signup(t.app);
    const fill = (value: string, t0: number) => ({ t: t0, type: 'fill', role: 'textbox', name: 'Email', value, source: 'video', confidence: 0.8 });
    const click = { t: 2500, type: 'click', role: 'button', name: 'Sign in', source: 'video', confidence: 0.75 };
    const id = await seed(owner, [null, fill('ada@exa', 1000), fill('ada@example.com', 2000), { ...click, name: 'key sk_live_4eC39HqLyjWDarjtT1zdp7dc' }]);
    const body = (await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: owner.auth })).json();
    expect(body.source).toBe('video');
    expect(body.events).toHaveLength(2);
    expect(body.events[0]).toEqual(fill('ada@example.com', 2000));
    expect(JSON.stringify(body)).not.toContain('sk_live_4eC39HqLyjWDarjtT1zdp7dc');
  });

  it('a value submitted with Enter is the fill, then Enter; two values submitted into one field are two steps', async () => {
    const owner = await signup(t.app);
    const fill = (value: string, t0: number) => ({ t: t0, type: 'fill', role: 'textbox', name: 'New task', value, source: 'video', confidence: 0.6 });
    const id = await seed(owner, [null, fill('Call the bank', 800), fill('Renew passport', 1800)], undefined, [1, 2]);
    const body = (await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: owner.auth })).json();
    expect(body.events).toEqual([
      fill('Call the bank', 800),
      { t: 900, type: 'press', key: 'Enter', source: 'video', confidence: 0.6 },
      fill('Renew passport', 1800),
      { t: 1900, type: 'press', key: 'Enter', source: 'video', confidence: 0.6 },
    ]);
  });

  it('"none" when nothing was uploaded or inferred; 404 for another account; 401 without a token', async () => {
    const owner = await signup(t.app);
    const other = await signup(t.app);
    const id = await seed(owner, [null, null]);
    expect((await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: owner.auth })).json()).toEqual({ source: 'none', events: [] });
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline`, headers: other.auth }), 404);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/timeline` }), 401);
  });
});
