import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestVideo, startDemoApp, type DemoApp } from '@claude-scope/testkit';
import { Stack } from '../../../worker/test/harness.js';
import { a11yProblems } from './a11y.js';
import { ensureWebBuild } from './build.js';
import { launchChromium, shot } from './browser.js';

/**
 * Playback in Debian's Chromium against the real stack: the "Keep a playback copy" setting, the hint on a
 * session without a copy, and a kept copy played in sync with the time track (markers, seeking by frame,
 * the track following playback, the keyboard).
 */
const PROCESSING_MS = 240_000;
const TEST_MS = PROCESSING_MS + 60_000;

describe('playback (end to end)', () => {
  const stack = new Stack();
  let demo: DemoApp;
  let video: string;
  let browser: Browser;
  let page: Page;
  let base: string;
  let auth: { authorization: string };
  const playbackResponses: number[] = [];

  // Asynchronous upload and a long poll: on a loaded CI machine processing may outlast the synchronous
  // wait (RECORDING_SYNC_TIMEOUT_MS) and the test's own timeout, which would hide what actually failed.
  const upload = async (title: string) => {
    const res = await stack.upload(auth, video, { title, seedUrl: `${demo.url}/login` }, { query: '?wait=false' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const sessionId = (res.body as { sessionId: string }).sessionId;
    const last = (await stack.pollStatus(auth, sessionId, PROCESSING_MS)).at(-1);
    expect(last.sessionStatus, JSON.stringify(last)).toBe('complete');
    const session = await stack.get(auth, `/api/sessions/${sessionId}`);
    return { sessionId, frames: session.frames as { timestamp: number }[] };
  };
  const videoState = () =>
    page.locator('video').evaluate((v: HTMLVideoElement) => ({ t: v.currentTime, paused: v.paused, readyState: v.readyState, error: v.error?.code ?? null }));
  const selectedFrame = async () => {
    const label = await page.getByRole('listbox', { name: 'Frames' }).getByRole('option', { selected: true }).getAttribute('aria-label');
    return Number(/^Frame (\d+) of/.exec(label ?? '')?.[1]);
  };
  const waitForTime = (seconds: number) =>
    page.waitForFunction((want) => {
      const v = document.querySelector('video');
      return !!v && !v.seeking && Math.abs(v.currentTime - want) < 0.12;
    }, seconds);

  beforeAll(async () => {
    ensureWebBuild();
    [demo, video] = await Promise.all([
      startDemoApp(),
      makeTestVideo({ durationMs: 6000, width: 640, height: 360, format: 'webm', changesAtMs: [1500, 3000, 4500] }).then((v) => v.path),
      stack.start().then(() => stack.spawnWorker()),
    ]);
    base = stack.apiUrl;
    const res = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grace Hopper', email: `grace-${Date.now()}@example.com`, password: 'cobol-compiler' }),
    });
    const signedUp = (await res.json()) as { accessToken: string; user: unknown };
    auth = { authorization: `Bearer ${signedUp.accessToken}` };
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((value) => localStorage.setItem('cs-auth', value), JSON.stringify(signedUp));
    page = await context.newPage();
    page.on('response', (r) => {
      if (/\/api\/sessions\/[^/]+\/playback\?/.test(r.url())) playbackResponses.push(r.status());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack.stop();
    await demo?.close();
  });

  it('without a copy: no player, a hint pointing to Settings, where the toggle turns keeping on', async () => {
    const { sessionId } = await upload('Not kept');
    await page.goto(`${base}/sessions/${sessionId}`);
    await page.getByRole('listbox', { name: 'Frames' }).waitFor();
    await page.getByText('No playback copy was kept for this recording.').waitFor();
    expect(await page.locator('video').count()).toBe(0);
    expect(await a11yProblems(page, { signedIn: true })).toEqual([]);

    await page.locator('.player__hint').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const toggle = page.getByLabel('Keep a playback copy');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const settings = await (await fetch(`${base}/api/settings`, { headers: auth })).json();
    expect(settings.keepPlayback).toBe(true);
    await shot(page, 'playback-01-settings');
  }, TEST_MS);

  it('with a copy: Chromium plays it, a marker per frame, and clicking a frame or a marker seeks', async () => {
    // Test 1 turns keeping on through the UI; set here too so a failure there is not reported twice.
    const patched = await fetch(`${base}/api/settings`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ keepPlayback: true }) });
    expect(patched.status).toBe(200);
    const { sessionId, frames } = await upload('Kept');
    expect(frames.length).toBeGreaterThanOrEqual(3);
    await page.goto(`${base}/sessions/${sessionId}`);
    await page.locator('video').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    expect(await page.locator('.player__marker').count()).toBe(frames.length);
    expect(await page.getByText('No playback copy').count()).toBe(0);
    expect(await a11yProblems(page, { signedIn: true })).toEqual([]);

    // A frame card of the track: the player goes to its moment.
    const third = frames[2]!;
    await page.getByRole('listbox', { name: 'Frames' }).getByRole('option').nth(2).click();
    await waitForTime(third.timestamp / 1000);
    expect(await selectedFrame()).toBe(3);
    expect(await page.locator('.player__marker--selected').getAttribute('data-frame')).toBe('3');

    // A marker on the player's bar: the player seeks and the track selects that frame.
    await page.locator('.player__marker[data-frame="2"]').click();
    await waitForTime(frames[1]!.timestamp / 1000);
    expect(await selectedFrame()).toBe(2);
    expect((await videoState()).error).toBeNull();
    // The browser streamed it with Range requests from the playback link (no bearer token in a <video>).
    expect(playbackResponses).toContain(206);
    await shot(page, 'playback-02-session-player');
  }, TEST_MS);

  it('the track follows playback, and the bar works from the keyboard', async () => {
    const frames = await page.locator('.player__marker').count();
    const bar = page.getByRole('slider', { name: 'Playback position' });
    await bar.focus();
    await page.keyboard.press('Home');
    await waitForTime(0);
    expect(await selectedFrame()).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[role=option][aria-selected=true]')?.getAttribute('aria-label')?.startsWith('Frame 2 of'));
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/frame 2 of/);
    await page.keyboard.press('Home');
    await waitForTime(0);

    // Play from the start (Space on the bar): the selection moves through the frames as the video reaches them.
    const seen = new Set<number>();
    await page.keyboard.press(' ');
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      seen.add(await selectedFrame());
      if (seen.has(frames)) break;
      await page.waitForTimeout(100);
    }
    const state = await videoState();
    expect(state.error).toBeNull();
    expect(state.t).toBeGreaterThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: frames }, (_, i) => i + 1));
    // The selected frame's full view followed too.
    await page.getByText(new RegExp(`Frame ${frames} of ${frames}`)).first().waitFor();
    expect(await bar.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator('.player').scrollIntoViewIfNeeded();
    await shot(page, 'playback-03-followed', { fullPage: false });

    // Narrow windows: the player fits, nothing overflows sideways.
    await page.setViewportSize({ width: 768, height: 900 });
    expect(await a11yProblems(page, { signedIn: true })).toEqual([]);
    const box = await page.locator('video').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(768);
    await page.locator('.player').scrollIntoViewIfNeeded();
    await shot(page, 'playback-04-narrow', { fullPage: false });
  });
});
