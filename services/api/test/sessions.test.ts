import { describe, expect, it } from 'vitest';
import { ISO_MS, createSession, expectError, signup, useTestApp } from './helpers.js';

const SESSION_KEYS = [
  'agentTarget', 'createdAt', 'duration', 'frameCount', 'id', 'lastError', 'notes', 'processingTime', 'prompt',
  'seedUrl', 'status', 'title', 'updatedAt', 'urlCount', 'urls', 'userId',
];

describe('sessions', () => {
  const t = useTestApp();

  it('POST creates a session with the contract defaults', async () => {
    const u = await signup(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: u.auth, payload: { title: 'Checkout bug' } });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(Object.keys(s).sort()).toEqual(SESSION_KEYS);
    expect(s).toEqual({
      id: expect.stringMatching(/^sess_[A-Z0-9]{8}$/),
      userId: u.id,
      title: 'Checkout bug',
      seedUrl: null,
      status: 'processing',
      duration: 0,
      frameCount: 0,
      urls: [],
      urlCount: 0,
      agentTarget: 'CLAUDE_CODE',
      processingTime: 0,
      prompt: '',
      notes: null,
      lastError: null,
      createdAt: expect.stringMatching(ISO_MS),
      updatedAt: expect.stringMatching(ISO_MS),
    });
  });

  it('POST takes every optional field', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u, {
      title: 'All fields',
      agentTarget: 'CURSOR',
      frameCount: 4,
      urlCount: 2,
      seedUrl: 'https://shop.example.com/cart?x=1',
      notes: 'Pay button does nothing',
      prompt: 'Fix it',
    });
    expect(s).toMatchObject({ agentTarget: 'CURSOR', frameCount: 4, urlCount: 2, seedUrl: 'https://shop.example.com/cart?x=1', notes: 'Pay button does nothing', prompt: 'Fix it', status: 'processing' });
  });

  it("agentTarget defaults to the account's defaultAgent", async () => {
    const u = await signup(t.app);
    await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload: { defaultAgent: 'CODEX' } });
    expect((await createSession(t.app, u)).agentTarget).toBe('CODEX');
  });

  it.each([
    [{}, 'title is required'],
    [{ title: '' }, 'title must NOT have fewer than 1 characters'],
    [{ title: 'x'.repeat(501) }, 'title must NOT have more than 500 characters'],
    [{ title: 42 }, 'title must be string'],
    [{ title: 't', agentTarget: 'GPT' }, 'agentTarget must be one of CLAUDE_CODE, CODEX, CURSOR, RAW'],
    [{ title: 't', frameCount: -1 }, 'frameCount must be >= 0'],
    [{ title: 't', frameCount: '3' }, 'frameCount must be integer'],
    [{ title: 't', urlCount: 1.5 }, 'urlCount must be integer'],
    [{ title: 't', seedUrl: 'ftp://files.example.com' }, 'seedUrl must be an absolute http:// or https:// URL'],
    [{ title: 't', seedUrl: 'javascript:alert(1)' }, 'seedUrl must be an absolute http:// or https:// URL'],
    [{ title: 't', seedUrl: '/relative' }, 'seedUrl must be an absolute http:// or https:// URL'],
    [{ title: 't', notes: 'n'.repeat(2001) }, 'notes must NOT have more than 2000 characters'],
    [{ title: 't', color: 'red' }, 'color is not an allowed field'],
    [{ title: 't', id: 'sess_AAAAAAAA' }, 'id is read-only'],
    [{ title: 't', userId: 'usr_AAAAAAAAAAAA' }, 'userId is read-only'],
    [{ title: 't', createdAt: '2026-01-01T00:00:00.000Z' }, 'createdAt is read-only'],
    [{ title: 't', status: 'complete' }, 'status is not an allowed field'],
  ])('POST validation %#: 400 naming the field', async (payload, message) => {
    const u = await signup(t.app);
    expectError(await t.app.inject({ method: 'POST', url: '/api/sessions', headers: u.auth, payload }), 400, message);
  });

  it('rejects a body that is not a JSON object, malformed JSON and a body over 1 MB', async () => {
    const u = await signup(t.app);
    expectError(await t.app.inject({ method: 'POST', url: '/api/sessions', headers: u.auth, payload: [1, 2] }), 400, 'body must be object');
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...u.auth, 'content-type': 'application/json' }, payload: '{"title": ' }),
      400,
    );
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { ...u.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 't', prompt: 'x'.repeat(1024 * 1024) }),
    });
    expectError(big, 413);
  });

  it('GET /:id returns the session with its frames (empty for a manual session)', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: u.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...s, frames: [] });
  });

  it('GET /:id returns frames ordered by timestamp with the contract fields', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    const tree = [{ role: 'button', name: 'Pay', diffStatus: 'added', disabled: true }];
    for (const [id, ts] of [['frm_BBBBBBBBBBBB', 2500], ['frm_AAAAAAAAAAAA', 0]] as const) {
      await t.app.db.$client.query(
        `insert into frames (id, session_id, timestamp, url, thumbnail_url, diff_summary, aria_tree) values ($1,$2,$3,$4,$5,$6,$7)`,
        [id, s.id, ts, 'https://a.example/', 'data:image/png;base64,AAAA', { added: 1, changed: 0, removed: 0 }, JSON.stringify(tree)],
      );
    }
    const body = (await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: u.auth })).json();
    expect(body.frames.map((f: { timestamp: number }) => f.timestamp)).toEqual([0, 2500]);
    expect(body.frames[0]).toEqual({
      id: 'frm_AAAAAAAAAAAA',
      sessionId: s.id,
      timestamp: 0,
      url: 'https://a.example/',
      thumbnailUrl: 'data:image/png;base64,AAAA',
      diffSummary: { added: 1, changed: 0, removed: 0 },
      ariaTree: tree,
      description: '',
      action: null,
      createdAt: expect.stringMatching(ISO_MS),
    });
  });

  it('404 for an unknown or malformed id', async () => {
    const u = await signup(t.app);
    for (const id of ['sess_ZZZZZZZZ', 'nope', 'sess_abc']) {
      for (const [method, url] of [['GET', `/api/sessions/${id}`], ['GET', `/api/sessions/${id}/status`], ['PATCH', `/api/sessions/${id}`], ['DELETE', `/api/sessions/${id}`]] as const) {
        const res = await t.app.inject({ method, url, headers: u.auth, ...(method === 'PATCH' ? { payload: { title: 'x' } } : {}) });
        expectError(res, 404, 'Session not found');
      }
    }
  });

  it('GET /:id/status for a manual session: no processing status yet', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    const res = await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}/status`, headers: u.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionId: s.id, sessionStatus: 'processing', processingStatus: null, processingTime: 0, lastError: null });
  });

  it('GET /:id/status reports the stored per-lane status and live processing time', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    const ps = {
      overallStage: 'analyzing',
      videoLane: { status: 'running', progress: 40, startedAt: '2026-11-22T10:00:00.000Z', detail: '4 frames' },
      playwrightLane: { status: 'complete', progress: 100, startedAt: '2026-11-22T10:00:00.000Z', completedAt: '2026-11-22T10:00:02.000Z' },
      synthesis: { status: 'pending', progress: 0 },
      lastUpdated: '2026-11-22T10:00:02.000Z',
    };
    await t.app.db.$client.query(
      `update sessions set processing_status = $2, processing_started_at = now() - interval '1500 milliseconds' where id = $1`,
      [s.id, ps],
    );
    const body = (await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}/status`, headers: u.auth })).json();
    // Written before the vision lane existed: it reads as skipped, never as a status missing a lane.
    expect(body.processingStatus).toEqual({ ...ps, visionLane: { status: 'skipped', progress: 0 } });
    expect(body.processingTime).toBeGreaterThanOrEqual(1500);
    expect(body.processingTime).toBeLessThan(60_000);
  });

  it('PATCH changes only the given fields and moves updatedAt; {} changes nothing', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u, { title: 'Before', notes: 'n' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${s.id}`,
      headers: u.auth,
      payload: {
        title: 'After', status: 'complete', duration: 12.5, urls: ['https://a.example/', 'https://a.example/b'], prompt: 'P',
        agentTarget: 'RAW', frameCount: 7, urlCount: 1, processingTime: 1234, seedUrl: 'http://localhost:5173/', notes: null,
      },
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toEqual({
      ...s,
      title: 'After', status: 'complete', duration: 12.5, urls: ['https://a.example/', 'https://a.example/b'], prompt: 'P',
      agentTarget: 'RAW', frameCount: 7, urlCount: 1, processingTime: 1234, seedUrl: 'http://localhost:5173/', notes: null,
      updatedAt: expect.stringMatching(ISO_MS),
    });
    expect(Date.parse(p.updatedAt)).toBeGreaterThan(Date.parse(s.updatedAt));
    // Nothing is derived: urlCount stays what was sent even though urls has 2 entries.
    expect(p.urlCount).toBe(1);

    const same = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: u.auth, payload: {} });
    expect(same.json()).toEqual(p);
    const single = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: u.auth, payload: { title: 'Only title' } });
    expect(single.json()).toEqual({ ...p, title: 'Only title', updatedAt: expect.stringMatching(ISO_MS) });
  });

  it('PATCH ?rerender=true needs a stored analysis: 409 and nothing changed without one', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u, { title: 'Manual', prompt: 'hand-written' });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}?rerender=true`, headers: u.auth, payload: { agentTarget: 'RAW', title: 'x' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/no analysis/);
    const after = (await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: u.auth })).json();
    expect(after).toMatchObject({ title: 'Manual', prompt: 'hand-written', agentTarget: s.agentTarget });
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}?rerender=maybe`, headers: u.auth, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/rerender/);
  });

  it.each([
    [{ title: '' }, 'title must NOT have fewer than 1 characters'],
    [{ status: 'done' }, 'status must be one of processing, complete, error'],
    [{ duration: -1 }, 'duration must be >= 0'],
    [{ duration: '3' }, 'duration must be number'],
    [{ urls: 'https://a' }, 'urls must be array'],
    [{ urls: [1] }, 'urls[0] must be string'],
    [{ processingTime: -5 }, 'processingTime must be >= 0'],
    [{ lastError: 'x' }, 'lastError is read-only'],
    [{ updatedAt: '2026-01-01T00:00:00.000Z' }, 'updatedAt is read-only'],
    [{ frames: [] }, 'frames is not an allowed field'],
    [{ seedUrl: 'mailto:a@b.co' }, 'seedUrl must be an absolute http:// or https:// URL'],
  ])('PATCH validation %#: 400 naming the field', async (payload, message) => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    expectError(await t.app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: u.auth, payload }), 400, message);
  });

  it('DELETE answers 204 with an empty body and removes the session, its frames and stored objects', async () => {
    const u = await signup(t.app);
    const s = await createSession(t.app, u);
    await t.app.db.$client.query(
      `insert into frames (id, session_id, timestamp, url, thumbnail_url, diff_summary, aria_tree) values ('frm_DDDDDDDDDDDD', $1, 0, 'u', 'd', '{"added":0,"changed":0,"removed":0}', '[]')`,
      [s.id],
    );
    await t.app.storage.putBuffer(`sessions/${s.id}/recording`, Buffer.from('video'));
    await t.app.storage.putBuffer(`sessions/${s.id}/frames/000000000.png`, Buffer.from('png'));
    const res = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: u.auth });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectError(await t.app.inject({ method: 'GET', url: `/api/sessions/${s.id}`, headers: u.auth }), 404);
    const { rows } = await t.app.db.$client.query('select count(*)::int as n from frames where session_id = $1', [s.id]);
    expect(rows[0].n).toBe(0);
    expect(await t.app.storage.listKeys(`sessions/${s.id}/`)).toEqual([]);
  });
});
