import { describe, expect, it } from 'vitest';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

/** The polling route under concurrency: polls are batched into one query, answers must stay per caller. */
describe('GET /api/sessions/:id/status, many polls at once', () => {
  const t = useTestApp();

  it('answers each poll with its own session, and 404 for another account’s, within one batch', async () => {
    const alice = await signup(t.app, { name: 'Alice' });
    const bob = await signup(t.app, { name: 'Bob' });
    const aliceIds: string[] = [];
    for (let i = 0; i < 5; i++) aliceIds.push((await createSession(t.app, alice, { title: `A${i}` })).id);
    const bobId = (await createSession(t.app, bob, { title: 'B' })).id;

    const polls = [
      ...aliceIds.map((id) => ({ user: alice, id, owner: true })),
      ...aliceIds.map((id) => ({ user: bob, id, owner: false })),
      { user: bob, id: bobId, owner: true },
      { user: alice, id: bobId, owner: false },
      { user: alice, id: aliceIds[0]!, owner: true },
    ];
    const answers = await Promise.all(
      polls.map((p) => t.app.inject({ method: 'GET', url: `/api/sessions/${p.id}/status`, headers: p.user.auth })),
    );
    answers.forEach((res, i) => {
      const p = polls[i]!;
      if (p.owner) {
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ sessionId: p.id, sessionStatus: 'processing', processingStatus: null });
      } else {
        expectError(res, 404, 'Session not found');
      }
    });
  });

  it('sees a change made before the poll', async () => {
    const alice = await signup(t.app);
    const { id } = await createSession(t.app, alice, { title: 'Fresh' });
    const url = `/api/sessions/${id}/status`;
    expect((await t.app.inject({ method: 'GET', url, headers: alice.auth })).json().sessionStatus).toBe('processing');
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${id}`, headers: alice.auth, payload: { status: 'complete' } });
    expect(patched.statusCode).toBe(200);
    const polls = await Promise.all([1, 2, 3].map(() => t.app.inject({ method: 'GET', url, headers: alice.auth })));
    for (const res of polls) expect(res.json().sessionStatus).toBe('complete');
  });

  it('refuses a token once it has expired, though it was verified (and cached) before', async () => {
    const alice = await signup(t.app);
    const { id } = await createSession(t.app, alice, { title: 'Expiring' });
    const token = t.app.jwt.sign({ sub: alice.id }, { expiresIn: 1 });
    const headers = { authorization: `Bearer ${token}` };
    const url = `/api/sessions/${id}/status`;
    expect((await t.app.inject({ method: 'GET', url, headers })).statusCode).toBe(200);
    const { exp } = t.app.jwt.decode<{ exp: number }>(token)!;
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 50));
    expectError(await t.app.inject({ method: 'GET', url, headers }), 401);
  });
});
