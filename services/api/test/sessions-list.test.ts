import { describe, expect, it } from 'vitest';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

describe('listing and stats', () => {
  const t = useTestApp();

  it('lists most recently updated first', async () => {
    const u = await signup(t.app);
    const a = await createSession(t.app, u, { title: 'A' });
    const b = await createSession(t.app, u, { title: 'B' });
    const c = await createSession(t.app, u, { title: 'C' });
    // Touch A: it becomes the most recently updated.
    await t.app.inject({ method: 'PATCH', url: `/api/sessions/${a.id}`, headers: u.auth, payload: { notes: 'touched' } });
    const res = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: u.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((s: { id: string }) => s.id)).toEqual([a.id, c.id, b.id]);
    expect(res.headers.link).toBeUndefined();
  });

  it('filters by status and by title (case-insensitive contains, wildcards literal)', async () => {
    const u = await signup(t.app);
    const s1 = await createSession(t.app, u, { title: 'Login page broken' });
    const s2 = await createSession(t.app, u, { title: 'Checkout LOGIN redirect' });
    const s3 = await createSession(t.app, u, { title: '100% off_coupon' });
    await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s2.id}`, headers: u.auth, payload: { status: 'complete' } });
    const get = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/sessions?${qs}`, headers: u.auth })).json().map((s: { id: string }) => s.id);
    expect(await get('q=login')).toEqual([s2.id, s1.id]);
    expect(await get('status=complete')).toEqual([s2.id]);
    expect(await get('status=processing&q=LOGIN')).toEqual([s1.id]);
    expect(await get('q=%25')).toEqual([s3.id]);
    expect(await get('q=f_c')).toEqual([s3.id]);
    expect(await get('q=zzz')).toEqual([]);
  });

  it('paginates with limit and a Link rel="next" cursor, with no gaps or repeats', async () => {
    const u = await signup(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.unshift((await createSession(t.app, u, { title: `S${i}` })).id);
    const seen: string[] = [];
    let url: string | undefined = '/api/sessions?limit=3';
    let pages = 0;
    while (url) {
      const res = await t.app.inject({ method: 'GET', url, headers: u.auth });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().map((s: { id: string }) => s.id));
      pages++;
      const link = res.headers.link as string | undefined;
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
      if (url) expect(url).toContain('limit=3');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('pagination keeps the filters in the next link', async () => {
    const u = await signup(t.app);
    for (let i = 0; i < 3; i++) await createSession(t.app, u, { title: `Match ${i}` });
    await createSession(t.app, u, { title: 'Other' });
    const res = await t.app.inject({ method: 'GET', url: '/api/sessions?q=match&limit=2', headers: u.auth });
    const next = /^<([^>]+)>/.exec(res.headers.link as string)![1]!;
    expect(next).toContain('q=match');
    const page2 = await t.app.inject({ method: 'GET', url: next, headers: u.auth });
    expect(page2.json()).toHaveLength(1);
    expect(page2.headers.link).toBeUndefined();
  });

  it.each([
    ['limit=0', 'limit must be >= 1'],
    ['limit=501', 'limit must be <= 500'],
    ['limit=abc', 'limit must be integer'],
    ['status=done', 'status must be one of processing, complete, error'],
    ['cursor=not-a-cursor', 'cursor is not valid'],
    ['sort=asc', 'sort is not an allowed field'],
  ])('400 for a bad query: %s', async (qs, message) => {
    const u = await signup(t.app);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions?${qs}`, headers: u.auth }), 400, message);
  });

  it('stats: totals over all sessions, duration and average processing time over completed ones', async () => {
    const u = await signup(t.app);
    const empty = await t.app.inject({ method: 'GET', url: '/api/sessions/stats', headers: u.auth });
    expect(empty.json()).toEqual({ totalSessions: 0, completedSessions: 0, totalDuration: 0, avgProcessingTime: 0 });

    const patch = async (payload: object) => {
      const s = await createSession(t.app, u);
      await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: u.auth, payload });
    };
    await patch({ status: 'complete', duration: 30.5, processingTime: 1000 });
    await patch({ status: 'complete', duration: 12, processingTime: 2001 });
    await patch({ status: 'error', duration: 99, processingTime: 50_000 });
    await patch({ duration: 7, processingTime: 70_000 }); // still processing
    const res = await t.app.inject({ method: 'GET', url: '/api/sessions/stats', headers: u.auth });
    expect(res.statusCode).toBe(200);
    // avg of 1000 and 2001 = 1500.5 → rounded to an integer
    expect(res.json()).toEqual({ totalSessions: 4, completedSessions: 2, totalDuration: 42.5, avgProcessingTime: 1501 });
  });
});
