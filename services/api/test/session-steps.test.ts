import { describe, expect, it } from 'vitest';
import { seedProcessedSession, seedProcessingSession } from './agents-fixture.js';
import { createSession, expectError, signup, useTestApp } from './helpers.js';

describe('GET /api/sessions/:id/steps (ext)', () => {
  const t = useTestApp();

  it('gives the stored analysis per step as data, with each step’s frame id', async () => {
    const owner = await signup(t.app);
    const id = await seedProcessedSession(t.app, owner);
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/steps`, headers: owner.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { sessionId: string; steps: { index: number; frameId: string; timestamp: number; consoleErrors: string[]; failedRequests: unknown[]; action: string | null }[] };
    expect(body.sessionId).toBe(id);
    expect(body.steps.map((s) => [s.index, s.timestamp])).toEqual([
      [1, 0],
      [2, 2100],
      [3, 5200],
    ]);
    const session = (await t.app.inject({ method: 'GET', url: `/api/sessions/${id}`, headers: owner.auth })).json() as { frames: { id: string }[] };
    expect(body.steps.map((s) => s.frameId)).toEqual(session.frames.map((f) => f.id));
    expect(body.steps[1]).toMatchObject({
      consoleErrors: ['TypeError: cannot read properties of undefined (reading "token")'],
      failedRequests: [{ method: 'POST', url: 'http://app.test/api/login', status: 500 }],
    });
    expect(body.steps[0]!.consoleErrors).toEqual([]);
    // Stored before the vision lane: no changed regions to outline, an empty list rather than a missing field.
    expect((body.steps[0] as unknown as { regions: unknown[] }).regions).toEqual([]);
  });

  it('is a 404 for another account and a 409 while there is no analysis', async () => {
    const owner = await signup(t.app);
    const other = await signup(t.app);
    const id = await seedProcessedSession(t.app, owner);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/steps`, headers: other.auth }), 404);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${id}/steps` }), 401);
    const processing = await seedProcessingSession(t.app, owner);
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${processing}/steps`, headers: owner.auth }), 409);
    const bare = await createSession(t.app, owner, { title: 'made by hand' });
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${bare.id}/steps`, headers: owner.auth }), 409);
  });
});
