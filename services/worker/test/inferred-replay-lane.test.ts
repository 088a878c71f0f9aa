import { describe, expect, it } from 'vitest';
import { MASK } from '@claude-scope/aria';
import type { AriaNode, TimelineEvent } from '@claude-scope/contracts';
import { TRUTH_ORIGIN } from '@claude-scope/testkit';
import { inferredEvents } from '../src/playwright/inferred.js';
import { recordingOriginOf, replayUrl } from '../src/playwright/origin.js';
import { captureSteps } from '../src/playwright/playwright-lane.js';
import { useBrowser, useDemoApp } from './lane-fixtures.js';


function find(tree: readonly AriaNode[], role: string, name?: string): AriaNode | undefined {
  for (const node of tree) {
    if (node.role === role && (name === undefined || node.name === name)) return node;
    const inner = node.children && find(node.children, role, name);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The replay of events inferred from a video (no timeline uploaded) in a real Chromium against the testkit's demo
 * app: labels as read off the screen (case aside, a checkbox named by its visible label), masked values never
 * typed, address-bar URLs only on the seed's origin (the recording's own origin mapped onto it).
 */
describe('replaying inferred events', () => {
  const demo = useDemoApp();
  const browser = useBrowser(2);

  it('replays what it can find faithfully and says why it left the rest as the video observed it', async () => {
    const seedUrl = `${demo.url}/login`;
    const frame = (timestamp: number, action: TimelineEvent | null, url?: string) => ({
      timestamp,
      changes: [],
      action: action && { ...action, source: 'video' as const, confidence: 0.7 },
      ...(url ? { url } : {}),
    });
    const vision = [
      frame(0, null, `${TRUTH_ORIGIN}/login`),
      frame(1000, { t: 900, type: 'fill', role: 'textbox', name: 'email', value: 'ada@example.com' }),
      frame(2000, { t: 1900, type: 'fill', role: 'textbox', name: 'Password', value: MASK }),
      frame(3000, { t: 2900, type: 'click', role: 'button', name: 'Remember me' }),
      frame(4000, { t: 3900, type: 'click', role: 'button', name: 'Sign ln' }),
      frame(5000, { t: 4900, type: 'navigate', url: 'https://elsewhere.example/admin' }),
      frame(6000, { t: 5900, type: 'navigate', url: `${TRUTH_ORIGIN}/settings` }),
    ];
    const recordingOrigin = recordingOriginOf(vision, seedUrl);
    expect(recordingOrigin).toBe(TRUTH_ORIGIN);
    const steps = await captureSteps(browser, {
      seedUrl,
      timeline: inferredEvents(vision),
      inferred: { seedUrl, recordingOrigin: recordingOrigin! },
      policy: { allowPrivate: false, allowedHosts: [new URL(demo.url).host] },
      navigationTimeoutMs: 10_000,
      signal: new AbortController().signal,
    });
    const [, email, password, remember, signIn, offsite, settings] = steps;
    expect(steps.map((s) => s.event?.type)).toEqual([undefined, 'fill', 'fill', 'click', 'click', 'navigate', 'navigate']);

    expect(email!.failure).toBeUndefined();
    expect(find(email!.tree, 'textbox', 'Email')?.value).toBe('ada@example.com');
    expect(password!.failure).toBe('fill "Password": the value was masked on screen, so it is not typed');
    expect(find(password!.tree, 'textbox', 'Password')?.value).toBeUndefined();
    // Inferred as a button; found by its visible text (the checkbox's label), which toggles it.
    expect(remember!.failure).toBeUndefined();
    expect(find(remember!.tree, 'checkbox', 'Remember me')?.checked).toBe(true);
    expect(signIn!.failure).toBe('click on "Sign ln": no button or visible text by that name on the page');
    // Not found, so the page was not touched: the previous capture stands, with no settle or capture time spent.
    expect(signIn!.tree).toEqual(remember!.tree);
    expect(signIn!.timing).toMatchObject({ settleMs: 0, captureMs: 0 });
    expect(offsite!.failure).toBe("navigate to https://elsewhere.example/admin: not on the seed URL's origin, so not opened");
    expect(offsite!.url).toBe(seedUrl);
    expect(settings!.failure).toBeUndefined();
    expect(settings!.event).toMatchObject({ type: 'navigate', url: `${demo.url}/settings` });
    expect(settings!.url).toBe(`${demo.url}/settings`);
  });

  it('replays a value submitted with Enter as the fill, then Enter in that field; never Enter where the fill failed', async () => {
    const seedUrl = `${demo.url}/tasks`;
    const submitted = (timestamp: number, name: string, value: string) => ({
      timestamp,
      changes: [],
      action: { t: timestamp - 400, type: 'fill' as const, role: 'textbox', name, value, source: 'video' as const, confidence: 0.6 },
      submitted: true,
    });
    // Named as the vision lane names it: by the heading the user sees above the field (its label is for screen
    // readers only, "Task name"): the first field after that text.
    const events = inferredEvents([{ timestamp: 0, changes: [], action: null }, submitted(2000, 'New task', 'Call the bank'), submitted(4000, 'Shopping list', 'Milk')]);
    expect(events).toEqual([
      { t: 1600, type: 'fill', role: 'textbox', name: 'New task', value: 'Call the bank' },
      { t: 1700, type: 'press', key: 'Enter' },
      { t: 3600, type: 'fill', role: 'textbox', name: 'Shopping list', value: 'Milk' },
      { t: 3700, type: 'press', key: 'Enter' },
    ]);
    const steps = await captureSteps(browser, {
      seedUrl,
      timeline: events,
      inferred: { seedUrl },
      policy: { allowPrivate: false, allowedHosts: [new URL(demo.url).host] },
      navigationTimeoutMs: 10_000,
      signal: new AbortController().signal,
    });
    const [seed, fill, enter, missing, enterAfterMissing] = steps;
    expect(fill!.failure).toBeUndefined();
    expect(find(fill!.tree, 'checkbox', 'Call the bank')).toBeUndefined();
    expect(enter!.failure).toBeUndefined();
    expect(find(enter!.tree, 'checkbox', 'Call the bank')).toBeDefined();
    expect(find(seed!.tree, 'checkbox', 'Call the bank')).toBeUndefined();
    expect(missing!.failure).toBe('fill "Shopping list": no field labelled so on the page');
    // The app keeps its field focused after adding, but the fill before this Enter was not typed: it is not pressed
    // (it would submit the empty field: "Task name is required.").
    expect(enterAfterMissing!.failure).toBe('press Enter: the value before it was not typed');
    expect(enterAfterMissing!.tree).toEqual(missing!.tree);
  });

  it('maps only the recording\'s own origin onto the seed\'s', () => {
    const replay = { seedUrl: 'http://127.0.0.1:4000/login', recordingOrigin: 'https://staging.example' };
    expect(replayUrl('https://staging.example/a/b?q=1#h', replay)).toBe('http://127.0.0.1:4000/a/b?q=1#h');
    expect(replayUrl('http://127.0.0.1:4000/x', replay)).toBe('http://127.0.0.1:4000/x');
    expect(replayUrl('https://other.example/a', replay)).toBeNull();
    expect(replayUrl('javascript:alert(1)', replay)).toBeNull();
    expect(recordingOriginOf([{ timestamp: 0, changes: [], action: null, url: 'http://127.0.0.1:4000/login' }], replay.seedUrl)).toBeUndefined();
  });
});
