import { describe, expect, it } from 'vitest';
import { JOB_NAMES } from '@claude-scope/pipeline';
import { signup, useTestApp } from './helpers.js';

describe('metrics', () => {
  const t = useTestApp();

  it('serves Prometheus text with HTTP latency by route and BullMQ counts per queue and state', async () => {
    const u = await signup(t.app);
    await t.app.inject({ method: 'GET', url: '/api/sessions/sess_ABCDEFGH', headers: u.auth });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    // Route patterns, never raw ids.
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/sessions\/:id",status_code="404"\} 1/);
    expect(text).not.toContain('sess_ABCDEFGH');
    for (const queue of JOB_NAMES) {
      for (const state of ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children', 'completed', 'failed']) {
        expect(text).toContain(`bullmq_job_count{queue="${queue}",state="${state}"}`);
      }
    }
  });
});

describe('metrics token and admin dashboard', () => {
  const t = useTestApp({ METRICS_TOKEN: 'scrape-token', ADMIN_USER: 'ops', ADMIN_PASSWORD: 'board-password' });

  it('/metrics needs the token when one is configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token' } })).statusCode).toBe(200);
  });

  it('Bull Board refuses requests without the admin credential', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Basic');
    const wrong = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: `Basic ${Buffer.from('ops:nope').toString('base64')}` } });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: `Basic ${Buffer.from('ops:board-password').toString('base64')}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().queues.map((q: { name: string }) => q.name).sort()).toEqual([...JOB_NAMES].sort());
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: `Basic ${Buffer.from('ops:board-password').toString('base64')}` } });
    expect(page.statusCode).toBe(200);
  });
});

describe('admin dashboard without a credential', () => {
  const t = useTestApp();
  it('is not mounted at all', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(404);
  });
});
