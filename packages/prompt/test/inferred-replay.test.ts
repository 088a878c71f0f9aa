import { describe, expect, it } from 'vitest';
import { render, type Analysis } from '../src/index.js';
import { ALL_ON, TARGETS } from './helpers.js';

/** No timeline uploaded, the seed page opened: the actions inferred from the video were replayed, one could not be. */
function replayed(): Analysis {
  const base = { diffSummary: { added: 0, changed: 0, removed: 0 }, consoleErrors: [], failedRequests: [] };
  return {
    title: 'Sign-in',
    notes: null,
    seedUrl: 'http://127.0.0.1:4000/login',
    urls: ['http://127.0.0.1:4000/login'],
    durationMs: 9000,
    steps: [
      { ...base, index: 1, timestamp: 0, url: 'http://127.0.0.1:4000/login', changes: [], ariaTree: [{ role: 'button', name: 'Sign in' }] },
      {
        ...base,
        index: 2,
        timestamp: 4500,
        url: 'http://127.0.0.1:4000/dashboard',
        action: 'click button "Sign in" (inferred from the video, replayed in the browser)',
        changes: ['heading "Dashboard" appeared'],
        changesSource: 'replay',
        ariaTree: [{ role: 'heading', name: 'Dashboard', level: 1, diffStatus: 'added' }],
        diffSummary: { added: 1, changed: 0, removed: 0 },
      },
      {
        ...base,
        index: 3,
        timestamp: 9000,
        url: 'http://127.0.0.1:4000/dashboard',
        action: 'click button "Sign ln" (inferred from the video; not replayed: no button or visible text by that name)',
        changes: ['text "Saved" appeared'],
        changesSource: 'video',
        ariaTree: [],
        ariaCaptured: false,
      },
    ],
    timelineSource: 'none',
    inferredReplay: { events: 2, replayed: 1 },
  };
}

describe.each(TARGETS)('%s: inferred actions replayed in the browser', (target) => {
  const text = render(replayed(), ALL_ON, target);

  it('says the actions were inferred from the video and how many the browser replayed', () => {
    expect(text).toContain("Claude Scope's browser replayed 1 of 2 from the seed URL");
  });

  it('marks each step by source: replayed actions and their ARIA diff, the rest as the video shows them', () => {
    expect(text).toContain('(inferred from the video, replayed in the browser)');
    expect(text).toContain('(inferred from the video; not replayed:');
    if (target !== 'CURSOR') {
      expect(text).toContain('What changed (replayed in the browser)');
      expect(text).toContain('What changed (read from the video)');
    }
    expect(text).not.toContain('FAILED ACTION');
  });
});
