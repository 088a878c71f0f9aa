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
    ['sort=asc', 'sort must be one of updatedAt, createdAt, title, agentTarget, status, duration, frameCount'],
    ['order=up', 'order must be one of asc, desc'],
    ['sortBy=title', 'sortBy is not an allowed field'],
  ])('400 for a bad query: %s', async (qs, message) => {
    const u = await signup(t.app);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions?${qs}`, headers: u.auth }), 400, message);
  });

  describe('(ext) sort and order', () => {
    const page = async (u: { auth: Record<string, string> }, url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: u.auth });
      expect(res.statusCode).toBe(200);
      const link = res.headers.link as string | undefined;
      return { titles: res.json().map((s: { title: string }) => s.title) as string[], next: link ? /^<([^>]+)>/.exec(link)![1]! : undefined };
    };
    /** Every page of `url`, following rel="next": the whole list in the order the pages gave it. */
    const all = async (u: { auth: Record<string, string> }, url: string) => {
      const titles: string[] = [];
      for (let next: string | undefined = url; next; ) {
        const p = await page(u, next);
        titles.push(...p.titles);
        next = p.next;
      }
      return titles;
    };

    it('sorts the whole list across pages, not each page, with ties paged stably by id', async () => {
      const u = await signup(t.app);
      // Durations with ties (3 × 5 s) and titles that differ in case only from their order.
      const made = [
        { title: 'delta', duration: 5 },
        { title: 'Alpha', duration: 20 },
        { title: 'charlie', duration: 5 },
        { title: 'Echo', duration: 1 },
        { title: 'bravo', duration: 5 },
        { title: 'foxtrot', duration: 12.5 },
        { title: 'Golf', duration: 0 },
      ];
      for (const m of made) {
        const s = await createSession(t.app, u, { title: m.title });
        await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: u.auth, payload: { duration: m.duration } });
      }
      const byTitle = ['Alpha', 'bravo', 'charlie', 'delta', 'Echo', 'foxtrot', 'Golf'];
      expect(await all(u, '/api/sessions?sort=title&limit=2')).toEqual(byTitle);
      expect(await all(u, '/api/sessions?sort=title&order=desc&limit=3')).toEqual([...byTitle].reverse());
      // The first page of a sorted list holds the smallest of all, not of the most recent few.
      expect((await page(u, '/api/sessions?sort=title&limit=2')).titles).toEqual(['Alpha', 'bravo']);

      const byDuration = await all(u, '/api/sessions?sort=duration&limit=2');
      expect(byDuration).toHaveLength(7);
      expect(byDuration.slice(0, 2)).toEqual(['Alpha', 'foxtrot']);
      expect(new Set(byDuration.slice(2, 5))).toEqual(new Set(['delta', 'charlie', 'bravo']));
      expect(byDuration.slice(5)).toEqual(['Echo', 'Golf']);
      // Ties are ordered by id, so one page size or another gives the same list.
      expect(await all(u, '/api/sessions?sort=duration&limit=1')).toEqual(byDuration);
      expect(await all(u, '/api/sessions?sort=duration')).toEqual(byDuration);
      expect(await all(u, '/api/sessions?sort=duration&order=asc&limit=3')).toEqual(
        (await all(u, '/api/sessions?sort=duration&order=asc')),
      );
    });

    it('sorts by createdAt, frameCount, status and agentTarget; the next link keeps sort and order', async () => {
      const u = await signup(t.app);
      const a = await createSession(t.app, u, { title: 'first', agentTarget: 'RAW', frameCount: 3 });
      const b = await createSession(t.app, u, { title: 'second', agentTarget: 'CODEX', frameCount: 9 });
      const c = await createSession(t.app, u, { title: 'third', agentTarget: 'CURSOR', frameCount: 1 });
      // Touching the first makes it the most recently updated, not the most recently created.
      await t.app.inject({ method: 'PATCH', url: `/api/sessions/${a.id}`, headers: u.auth, payload: { status: 'complete' } });
      await t.app.inject({ method: 'PATCH', url: `/api/sessions/${c.id}`, headers: u.auth, payload: { status: 'error' } });
      await t.app.inject({ method: 'PATCH', url: `/api/sessions/${a.id}`, headers: u.auth, payload: { notes: 'touched' } });
      expect(await all(u, '/api/sessions?limit=1')).toEqual(['first', 'third', 'second']);
      expect(await all(u, '/api/sessions?sort=createdAt&limit=1')).toEqual(['third', 'second', 'first']);
      expect(await all(u, '/api/sessions?sort=createdAt&order=asc&limit=2')).toEqual(['first', 'second', 'third']);
      expect(await all(u, '/api/sessions?sort=frameCount&limit=2')).toEqual(['second', 'first', 'third']);
      expect(await all(u, '/api/sessions?sort=status&limit=1')).toEqual(['first', 'third', 'second']);
      expect(await all(u, '/api/sessions?sort=agentTarget&limit=1')).toEqual(['second', 'third', 'first']);
      const first = await page(u, '/api/sessions?sort=frameCount&order=asc&limit=1&status=complete');
      expect(first.next).toBeUndefined();
      const withNext = await page(u, '/api/sessions?sort=frameCount&order=asc&limit=1');
      expect(withNext.next).toMatch(/sort=frameCount/);
      expect(withNext.next).toMatch(/order=asc/);
      expect(b.id).toMatch(/^sess_/);
    });

    it('400 for a cursor written for another sort, or one whose value the sort cannot hold', async () => {
      const u = await signup(t.app);
      for (let i = 0; i < 3; i++) await createSession(t.app, u, { title: `S${i}` });
      const { next } = await page(u, '/api/sessions?sort=title&limit=1');
      const cursor = new URL(next!, 'http://x').searchParams.get('cursor')!;
      const get = (qs: string) => t.app.inject({ method: 'GET', url: `/api/sessions?${qs}`, headers: u.auth });
      expect((await get(`sort=title&limit=1&cursor=${cursor}`)).statusCode).toBe(200);
      expectError(await get(`sort=title&order=desc&limit=1&cursor=${cursor}`), 400, 'cursor is not valid');
      expectError(await get(`limit=1&cursor=${cursor}`), 400, 'cursor is not valid');
      const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
      const sid = 'sess_AAAAAAAA';
      for (const [qs, parts] of [
        ['sort=duration', ['duration', 'desc', 'NaN', sid]],
        ['sort=duration', ['duration', 'desc', 1e300, sid]],
        ['sort=frameCount', ['frameCount', 'desc', 1.5, sid]],
        ['sort=status', ['status', 'asc', 'done', sid]],
        ['sort=title', ['title', 'asc', 'a\u0000', sid]],
        ['sort=title', ['title', 'asc', '\ud800', sid]],
        ['sort=createdAt', ['createdAt', 'desc', '2020-02-30T00:00:00.000Z', sid]],
        ['sort=title', ['title', 'asc', 'x', "x' or 1=1"]],
      ] as const) {
        expectError(await get(`${qs}&cursor=${forged([...parts])}`), 400, 'cursor is not valid');
      }
    });
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
