import { describe, expect, it } from 'vitest';
import { expectError, signup, useTestApp } from './helpers.js';

describe('settings', () => {
  const t = useTestApp();

  it('GET returns the defaults; PATCH changes any subset and returns the whole', async () => {
    const u = await signup(t.app);
    const get = () => t.app.inject({ method: 'GET', url: '/api/settings', headers: u.auth });
    expect((await get()).json()).toEqual({ defaultAgent: 'CLAUDE_CODE', includeScreenshots: true, inlineAriaTree: true, includeRawDiff: false, maxRecordingLength: 10, keepPlayback: false });

    const res = await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload: { includeRawDiff: true, maxRecordingLength: 5 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ defaultAgent: 'CLAUDE_CODE', includeScreenshots: true, inlineAriaTree: true, includeRawDiff: true, maxRecordingLength: 5, keepPlayback: false });
    const all = { defaultAgent: 'CURSOR', includeScreenshots: false, inlineAriaTree: false, includeRawDiff: false, maxRecordingLength: 30, keepPlayback: true };
    expect((await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload: all })).json()).toEqual(all);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload: {} })).json()).toEqual(all);
    expect((await get()).json()).toEqual(all);
  });

  it.each([
    [{ maxRecordingLength: 12 }, 'maxRecordingLength must be one of 5, 10, 15, 30'],
    [{ maxRecordingLength: '10' }, 'maxRecordingLength must be one of 5, 10, 15, 30'],
    [{ defaultAgent: 'COPILOT' }, 'defaultAgent must be one of CLAUDE_CODE, CODEX, CURSOR, RAW'],
    [{ includeScreenshots: 'yes' }, 'includeScreenshots must be boolean'],
    [{ keepPlayback: 'true' }, 'keepPlayback must be boolean'],
    [{ keepPlayback: 1 }, 'keepPlayback must be boolean'],
    [{ keepPlayback: null }, 'keepPlayback must be boolean'],
    [{ theme: 'dark' }, 'theme is not an allowed field'],
  ])('PATCH validation %#: 400 naming the field', async (payload, message) => {
    const u = await signup(t.app);
    expectError(await t.app.inject({ method: 'PATCH', url: '/api/settings', headers: u.auth, payload }), 400, message);
  });
});
