import { describe, expect, it } from 'vitest';
import { render, type Analysis } from '../src/index.js';
import { ALL_ON, TARGETS, untrustedRanges } from './helpers.js';

const REASON = 'seed URL http://localhost:5173/login could not be opened: connection refused';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

/** A session whose seed page the workers could not open, uploaded without a timeline: only the video speaks. */
function videoOnly(): Analysis {
  const step = (index: number, timestamp: number, screenChange: number) => ({
    index,
    timestamp,
    url: 'http://localhost:5173/login',
    changes: [],
    ariaTree: [],
    diffSummary: { added: 0, changed: 0, removed: 0 },
    consoleErrors: [],
    failedRequests: [],
    thumbnailUrl: PNG,
    ariaCaptured: false,
    screenChange,
  });
  return {
    title: 'Sign-in shows nothing',
    notes: null,
    seedUrl: 'http://localhost:5173/login',
    urls: ['http://localhost:5173/login'],
    durationMs: 9000,
    steps: [step(1, 0, 1), step(2, 2500, 0.12), step(3, 6000, 0.004)],
    pageUnavailable: REASON,
    timelineSource: 'none',
  };
}

describe.each(TARGETS)('%s: a page that could not be opened', (target) => {
  const text = render(videoOnly(), ALL_ON, target);

  it('says so, with the reason, inside untrusted data (the reason quotes the URL)', () => {
    const at = text.indexOf(REASON);
    expect(at).toBeGreaterThan(-1);
    expect(untrustedRanges(text, target).some(([a, b]) => a <= at && at < b)).toBe(true);
    expect(text).toContain('The steps come from the video alone');
  });

  it('never claims nothing changed: steps say the screen changed and that the page was not read', () => {
    expect(text).not.toContain('nothing visible in the UI');
    expect(text).toContain('the screen changed (about 12 % of it); the page was not captured');
    expect(text).toContain('the screen changed; the page was not captured');
  });

  it('does not present an action as absent when no timeline was uploaded', () => {
    expect(text).not.toContain('the page changed by itself');
    expect(text).toContain('not known (no timeline was uploaded');
  });

  it('shows no empty element lists, and keeps the screenshots', () => {
    expect(text).not.toContain('(no interactive elements)');
    expect(text).not.toMatch(/observed_ui|UI STATES|## Elements/);
    expect(text).toContain(PNG);
  });
});

describe('a session whose page was captured', () => {
  it('keeps the old wording when a timeline was uploaded and a step changed nothing', () => {
    const a = videoOnly();
    delete a.pageUnavailable;
    a.timelineSource = 'upload';
    for (const s of a.steps) delete s.ariaCaptured;
    const text = render(a, ALL_ON, 'CLAUDE_CODE');
    expect(text).toContain('no user action recorded (the page changed by itself)');
    expect(text).toContain('nothing visible in the UI');
    expect(text).not.toContain('could not be opened');
  });
});
