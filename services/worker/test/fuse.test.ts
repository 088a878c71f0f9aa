import { describe, expect, it } from 'vitest';
import { countMarks } from '@claude-scope/aria';
import type { PlaywrightStep, VideoLaneResult } from '@claude-scope/pipeline';
import { describeEvent, fuseFrames, inferredReplayCounts, timelineSteps, toAnalysis, visitedUrls } from '../src/synthesis/fuse.js';

const frame = (timestamp: number) => ({ timestamp, imageKey: `k${timestamp}`, thumbnailUrl: 'data:image/png;base64,AA', score: 1 });
const video = (ts: number[]): VideoLaneResult => ({ durationMs: 10_000, width: 1280, height: 720, frames: ts.map(frame) });
const step = (t: number, url: string, tree: PlaywrightStep['tree'], extra: Partial<PlaywrightStep> = {}): PlaywrightStep => ({
  t, url, title: 'T', tree, consoleErrors: [], failedRequests: [], ...extra,
});

const login = [{ role: 'textbox', name: 'Email' }, { role: 'button', name: 'Sign in' }];
const dashboard = [{ role: 'heading', name: 'Dashboard', level: 1 }, { role: 'button', name: 'Sign out' }];

describe('fusion', () => {
  const seed = 'http://app.test/login';
  const steps = [
    step(0, seed, login),
    step(4000, 'http://app.test/dashboard', dashboard, {
      event: { t: 4000, type: 'click', role: 'button', name: 'Sign in' },
      consoleErrors: ['TypeError: x is undefined'],
    }),
    step(7000, 'http://app.test/dashboard', dashboard, {
      event: { t: 7000, type: 'click', role: 'button', name: 'Missing' },
      failure: 'click on button "Missing": no such element on the page',
    }),
  ];
  const timeline = steps.flatMap((s) => (s.event ? [s.event] : []));

  it('gives each frame the tree of the latest step at or before it, and the diff from the previous frame', () => {
    const frames = fuseFrames({ seedUrl: seed, timeline, video: video([0, 2000, 4500, 9000]), steps });
    expect(frames.map((f) => f.url)).toEqual([seed, seed, 'http://app.test/dashboard', 'http://app.test/dashboard']);
    expect(frames[0]!.diffSummary).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(JSON.stringify(frames[0]!.ariaTree)).not.toContain('diffStatus');
    expect(frames[1]!.diffSummary).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(frames[2]!.diffSummary.added).toBeGreaterThan(0);
    expect(frames[2]!.diffSummary.removed).toBeGreaterThan(0);
    for (const f of frames) expect(countMarks(f.ariaTree)).toEqual(f.diffSummary);
    expect(frames[2]!.actions).toEqual(['click button "Sign in"']);
    expect(frames[2]!.consoleErrors).toEqual(['TypeError: x is undefined']);
    expect(frames[3]!.failures).toEqual(['click on button "Missing": no such element on the page']);
    expect(frames[3]!.consoleErrors).toEqual([]); // not repeated
  });

  it('after a navigation renames nothing (another page, other elements); on one page a text changes in place', () => {
    const page = (heading: string, text: string) => [{ role: 'heading', name: heading, level: 1 }, { role: 'paragraph', name: '', text }];
    const nav = [
      step(0, 'http://app.test/dashboard', page('Dashboard', 'Welcome back.')),
      step(1000, 'http://app.test/settings', page('Settings', 'Manage your profile.'), { event: { t: 1000, type: 'navigate', url: 'http://app.test/settings' } }),
      step(2000, 'http://app.test/settings', page('Settings', 'Saved.'), { event: { t: 2000, type: 'click', role: 'button', name: 'Save' } }),
    ];
    const frames = fuseFrames({ seedUrl: 'http://app.test/dashboard', timeline: nav.flatMap((s) => (s.event ? [s.event] : [])), video: video([0, 1500, 2500]), steps: nav });
    expect(frames[1]!.diffSummary).toEqual({ added: 2, changed: 0, removed: 2 });
    expect(frames[2]!.diffSummary).toEqual({ added: 0, changed: 1, removed: 0 });
  });

  it('without a timeline every frame has the seed URL', () => {
    const frames = fuseFrames({ seedUrl: seed, timeline: null, video: video([0, 5000]), steps: [step(0, 'http://app.test/login?redirected=1', login)] });
    expect(frames.map((f) => f.url)).toEqual([seed, seed]);
  });

  it('lists distinct URLs in first-visit order, including final URLs after redirects', () => {
    const s = [step(0, 'http://app.test/home', login), step(1000, 'http://app.test/dashboard', dashboard, { event: { t: 1000, type: 'navigate', url: 'http://app.test/dash' } })];
    expect(visitedUrls('http://app.test/', s, [])).toEqual(['http://app.test/', 'http://app.test/home', 'http://app.test/dash', 'http://app.test/dashboard']);
  });

  it('masks the value of a secret fill in the action text', () => {
    const s = [step(0, seed, login), step(100, seed, login, { event: { t: 100, type: 'fill', role: 'textbox', name: 'Password', value: 'hunter2' } })];
    const frames = fuseFrames({ seedUrl: seed, timeline: [s[1]!.event!], video: video([0, 500]), steps: s });
    const analysis = toAnalysis({ title: 't', notes: null, seedUrl: seed, hasTimeline: true }, frames, [seed], 1000);
    expect(JSON.stringify(analysis)).not.toContain('hunter2');
    expect(analysis.steps[1]!.action).toBe('fill textbox "Password" (value masked)');
  });

  it('decides which fill values are secret by the shared secret-field rule', () => {
    const fill = (name: string, value = 'v4lue') => describeEvent({ t: 0, type: 'fill', role: 'textbox', name, value });
    expect(fill('Verification code')).toBe('fill textbox "Verification code" (value masked)');
    expect(fill('Card number')).toBe('fill textbox "Card number" (value masked)');
    expect(fill('Shipping address', '1 Main St')).toBe('fill textbox "Shipping address" with "1 Main St"');
    expect(fill('Word of entry', '••••••'), 'masked at upload or by the lane').toBe('fill textbox "Word of entry" (value masked)');
  });

  describe('a seed page the workers could not open', () => {
    const unavailable = 'seed URL http://localhost:5173/login could not be opened: connection refused';
    const scored = (ts: number[], score: number): VideoLaneResult => ({ ...video(ts), frames: ts.map((t) => ({ ...frame(t), score })) });

    it('frames still get the timeline\'s actions and URLs, marked as not captured, with the share of the screen that changed', () => {
      const timeline = [
        { t: 1000, type: 'fill' as const, role: 'textbox', name: 'Email', value: 'ada@example.com' },
        { t: 2000, type: 'navigate' as const, url: 'http://localhost:5173/dashboard' },
      ];
      const frames = fuseFrames({ seedUrl: seed, timeline, video: scored([0, 1500, 2500], 0.25), steps: timelineSteps(seed, timeline), pageUnavailable: true });
      expect(frames.map((f) => f.url)).toEqual([seed, seed, 'http://localhost:5173/dashboard']);
      expect(frames.map((f) => f.actions)).toEqual([[], ['fill textbox "Email" with "ada@example.com"'], ['navigate to http://localhost:5173/dashboard']]);
      expect(frames.every((f) => !f.ariaCaptured && f.ariaTree.length === 0)).toBe(true);
      expect(frames.map((f) => f.screenChange)).toEqual([1, 0.25, 0.25]);
      const analysis = toAnalysis({ title: 't', notes: null, seedUrl: seed, hasTimeline: true, pageUnavailable: unavailable }, frames, [seed], 3000);
      expect(analysis).toMatchObject({ pageUnavailable: unavailable, timelineSource: 'upload' });
      expect(analysis.steps.map((s) => s.ariaCaptured)).toEqual([false, false, false]);
    });

    it('without a timeline there is one step per frame at the seed URL, and the analysis says no timeline was uploaded', () => {
      const frames = fuseFrames({ seedUrl: seed, timeline: null, video: scored([0, 900], 0.1), steps: timelineSteps(seed, null), pageUnavailable: true });
      expect(frames.map((f) => [f.url, f.actions])).toEqual([[seed, []], [seed, []]]);
      const analysis = toAnalysis({ title: 't', notes: null, seedUrl: seed, hasTimeline: false, pageUnavailable: unavailable }, frames, [seed], 1000);
      expect(analysis.timelineSource).toBe('none');
    });
  });

  it('without a timeline, a frame whose address bar shows another page than the one the browser opened has no tree', () => {
    const vision = [
      { timestamp: 0, changes: [], action: null, url: seed },
      { timestamp: 5000, changes: ['the address bar shows http://app.test/dashboard'], action: null, url: 'http://app.test/dashboard' },
    ];
    const frames = fuseFrames({ seedUrl: seed, timeline: null, video: video([0, 5000]), steps: [step(0, `${seed}/`, login)], vision });
    expect(frames.map((f) => [f.url, f.ariaCaptured, f.ariaTree.length > 0])).toEqual([
      [seed, true, true],
      ['http://app.test/dashboard', false, false],
    ]);
    expect(frames[1]!.changes).toEqual(['the address bar shows http://app.test/dashboard']);
    expect(frames[1]!.changesSource).toBe('video');
  });

  it("carries the vision lane's changed regions as shares of the frame, for viewers", () => {
    const vision = [
      { timestamp: 0, changes: [], action: null },
      { timestamp: 5000, regions: [{ x: 640, y: 180, w: 128, h: 72 }], changes: ['text "Saved" appeared'], action: null },
    ];
    const frames = fuseFrames({ seedUrl: seed, timeline: null, video: video([0, 5000]), steps: [step(0, seed, login)], vision });
    expect(frames.map((f) => f.regions)).toEqual([[], [{ x: 0.5, y: 0.25, w: 0.1, h: 0.1 }]]);
    expect(toAnalysis({ title: 't', notes: null, seedUrl: seed, hasTimeline: false }, frames, [seed], 6000).steps[1]!.regions).toEqual([{ x: 0.5, y: 0.25, w: 0.1, h: 0.1 }]);
  });

  describe('without a timeline, the inferred events replayed', () => {
    const live = 'http://127.0.0.1:4000';
    const click = { t: 4000, type: 'click' as const, role: 'button', name: 'Sign in' };
    const missing = { t: 7000, type: 'click' as const, role: 'button', name: 'Sign ln' };
    const vision = [
      { timestamp: 0, changes: [], action: null, url: 'http://demo.test/login' },
      { timestamp: 4500, changes: ['text "Dashboard" appeared'], action: { ...click, source: 'video' as const, confidence: 0.75 }, url: 'http://demo.test/dashboard' },
      { timestamp: 9000, changes: ['text "Saved" appeared'], action: { ...missing, source: 'video' as const, confidence: 0.5 }, url: 'http://demo.test/dashboard' },
    ];
    const steps = [
      step(0, `${live}/login`, login),
      step(4000, `${live}/dashboard`, dashboard, { event: click }),
      step(7000, `${live}/dashboard`, dashboard, { event: missing, failure: 'click on "Sign ln": no button or visible text by that name on the page' }),
    ];
    const frames = fuseFrames({ seedUrl: `${live}/login`, timeline: null, video: video([0, 4500, 9000]), steps, vision });

    it("frames a replayed event reached get the replay's tree and ARIA diff, marked as replayed; the recording's origin maps onto the seed's", () => {
      expect(frames.map((f) => [f.url, f.ariaCaptured])).toEqual([
        ['http://demo.test/login', true],
        ['http://demo.test/dashboard', true],
        ['http://demo.test/dashboard', false],
      ]);
      expect(frames[1]!.diffSummary.added).toBeGreaterThan(0);
      expect(frames[1]!.changesSource).toBe('replay');
      expect(frames[1]!.actions).toEqual(['click button "Sign in" (inferred from the video, replayed in the browser)']);
      expect(frames[1]!.action).toMatchObject({ source: 'video', confidence: 0.75 });
    });

    it('an event the replay could not perform stays as the video observed it, and is no failure of the page', () => {
      expect(frames[2]!).toMatchObject({ ariaTree: [], changes: ['text "Saved" appeared'], changesSource: 'video', failures: [] });
      expect(frames[2]!.actions[0]).toMatch(/^click button "Sign ln" \(inferred from the video; not replayed: click on "Sign ln": no button/);
      expect(inferredReplayCounts(steps)).toEqual({ events: 2, replayed: 1 });
      const analysis = toAnalysis({ title: 't', notes: null, seedUrl: `${live}/login`, hasTimeline: false, inferredReplay: inferredReplayCounts(steps) }, frames, [], 9000);
      expect(analysis.inferredReplay).toEqual({ events: 2, replayed: 1 });
      expect(analysis.steps.map((s) => s.changesSource)).toEqual([undefined, 'replay', 'video']);
    });

    it('a value submitted with Enter is the fill and Enter, each marked by how its replay went; the tree is after Enter', () => {
      const fill = { t: 3600, type: 'fill' as const, role: 'textbox', name: 'Task name', value: 'Call the bank' };
      const enter = { t: 3700, type: 'press' as const, key: 'Enter' };
      const typed = [vision[0]!, { timestamp: 4500, changes: ['text "Call the bank" appeared'], action: { ...fill, source: 'video' as const, confidence: 0.6 }, submitted: true }];
      const replayed = [step(0, `${live}/login`, login), step(3600, `${live}/login`, login, { event: fill }), step(3700, `${live}/dashboard`, dashboard, { event: enter })];
      const f = fuseFrames({ seedUrl: `${live}/login`, timeline: null, video: video([0, 4500]), steps: replayed, vision: typed });
      expect(f[1]!.actions).toEqual(['fill textbox "Task name" with "Call the bank" (inferred from the video, replayed in the browser)', 'press Enter (inferred from the video, replayed in the browser)']);
      expect(f[1]!.diffSummary.added).toBeGreaterThan(0);
      // Seed unreachable: both observed from the video alone.
      const alone = fuseFrames({ seedUrl: `${live}/login`, timeline: null, video: video([0, 4500]), steps: [], vision: typed, pageUnavailable: true });
      expect(alone[1]!.actions).toEqual(['fill textbox "Task name" with "Call the bank" (inferred from the video)', 'press Enter (inferred from the video)']);
    });

    it('a page recording (no address bar) takes its URLs from where the replay led (the last page reached)', () => {
      const noBar = vision.map(({ url: _url, ...v }) => v);
      const f = fuseFrames({ seedUrl: `${live}/login`, timeline: null, video: video([0, 4500, 9000]), steps, vision: noBar });
      expect(f.map((x) => x.url)).toEqual([`${live}/login`, `${live}/dashboard`, `${live}/dashboard`]);
    });
  });
});
