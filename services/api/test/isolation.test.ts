import { describe, expect, it } from 'vitest';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

/** Another account's session is a 404 on every route, and never shows in lists or stats. */
describe('tenant isolation', () => {
  const t = useTestApp();

  it('every session route answers 404 for another account, and nothing changes', async () => {
    const alice = await signup(t.app, { name: 'Alice' });
    const mallory = await signup(t.app, { name: 'Mallory' });
    const s = await createSession(t.app, alice, { title: "Alice's session" });
    await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: alice.auth, payload: { status: 'complete', duration: 5 } });

    const routes = [
      ['GET', `/api/sessions/${s.id}`],
      ['GET', `/api/sessions/${s.id}/status`],
      ['PATCH', `/api/sessions/${s.id}`],
      ['DELETE', `/api/sessions/${s.id}`],
    ] as const;
    for (const [method, url] of routes) {
      const res = await t.app.inject({ method, url, headers: mallory.auth, ...(method === 'PATCH' ? { payload: { title: 'pwned' } } : {}) });
      expectError(res, 404, 'Session not found');
    }
    // Same answer as for a session that does not exist at all: existence does not leak.
    const missing = await t.app.inject({ method: 'GET', url: '/api/sessions/sess_00000000', headers: mallory.auth });
    expect(missing.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Session not found' });

    const list = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: mallory.auth });
    expect(list.json()).toEqual([]);
    const search = await t.app.inject({ method: 'GET', url: "/api/sessions?q=Alice", headers: mallory.auth });
    expect(search.json()).toEqual([]);
    const stats = await t.app.inject({ method: 'GET', url: '/api/sessions/stats', headers: mallory.auth });
    expect(stats.json()).toEqual({ totalSessions: 0, completedSessions: 0, totalDuration: 0, avgProcessingTime: 0 });

    const still = await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: alice.auth });
    expect(still.statusCode).toBe(200);
    expect(still.json().title).toBe("Alice's session");
    expect((await t.app.inject({ method: 'GET', url: '/api/sessions/stats', headers: alice.auth })).json().totalSessions).toBe(1);
  });

  it("a pagination cursor from one account reveals nothing of another's sessions", async () => {
    const alice = await signup(t.app);
    const bob = await signup(t.app);
    for (let i = 0; i < 3; i++) await createSession(t.app, alice, { title: `a${i}` });
    const page = await t.app.inject({ method: 'GET', url: '/api/sessions?limit=1', headers: alice.auth });
    const next = /^<([^>]+)>/.exec(page.headers.link as string)![1]!;
    const res = await t.app.inject({ method: 'GET', url: next, headers: bob.auth });
    expect(res.json()).toEqual([]);
  });

  it('settings and /auth/me are per account', async () => {
    const alice = await signup(t.app);
    const bob = await signup(t.app);
    await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: alice.auth, payload: { defaultAgent: 'RAW', maxRecordingLength: 30 } });
    expect((await t.app.inject({ method: 'GET', url: '/api/settings', headers: bob.auth })).json().defaultAgent).toBe('CLAUDE_CODE');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bob.auth })).json().id).toBe(bob.id);
  });
});
