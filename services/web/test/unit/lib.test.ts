import { describe, expect, it } from 'vitest';
import type { AriaNode, Session } from '@claude-scope/contracts';
import { linkRel, toApiPath } from '../../src/api/client';
import { elementCounts } from '../../src/lib/counts';
import { formatClock, formatMs, formatSpan, formatTimestamp, plural } from '../../src/lib/format';
import { axisLength, axisPercent, axisTicks } from '../../src/lib/time-axis';
import { checkTimeline } from '../../src/lib/timeline';
import { appendUnique } from '../../src/lib/use-paged-api';
import { checkSeedUrl } from '../../src/lib/url';
import { checkVideoFile, MAX_UPLOAD_BYTES } from '../../src/lib/video-file';
import { applyClientFilters, filtersToQuery, readFilters } from '../../src/pages/sessions/filters';
import { nextSort, readSort, setSortParams } from '../../src/pages/sessions/sort';
import { withoutOrigin } from '../../src/pages/session/step-words';

describe('formatting', () => {
  it('formats lengths, spans, processing times and frame positions', () => {
    expect([formatClock(0), formatClock(7.4), formatClock(724), formatClock(3723)]).toEqual(['0:00', '0:07', '12:04', '1:02:03']);
    expect([formatSpan(6), formatSpan(192), formatSpan(180), formatSpan(7500)]).toEqual(['6 s', '3 min 12 s', '3 min', '2 h 5 min']);
    expect([formatMs(850), formatMs(12_340), formatMs(125_000)]).toEqual(['850 ms', '12.3 s', '2 min 5 s']);
    expect(formatTimestamp(2_560)).toBe('0:02.5');
  });

  it('agrees nouns with their counts', () => {
    expect([plural(1, 'step'), plural(0, 'frame'), plural(2, 'frame'), plural(1, 'session')]).toEqual(['1 step', '0 frames', '2 frames', '1 session']);
  });
});

describe('time axis', () => {
  it("places moments on the recording's length, clamped, and never divides by zero", () => {
    expect(axisLength(4, [0, 1000, 3200])).toBe(4000);
    expect(axisLength(3, [0, 3500])).toBe(3500); // a frame past the stored duration still fits
    expect(axisLength(0, [])).toBe(1);
    expect([axisPercent(0, 4000), axisPercent(1000, 4000), axisPercent(5000, 4000), axisPercent(-1, 4000)]).toEqual([0, 25, 100, 0]);
  });

  it('ticks at round steps with labels that never repeat', () => {
    expect(axisTicks(4000).map((t) => t.label)).toEqual(['0:00.0', '0:00.5', '0:01.0', '0:01.5', '0:02.0', '0:02.5', '0:03.0', '0:03.5', '0:04.0']);
    expect(axisTicks(30_000).map((t) => t.label)).toEqual(['0:00', '0:05', '0:10', '0:15', '0:20', '0:25', '0:30']);
    expect(axisTicks(600_000).map((t) => t.ms / 1000)).toEqual([0, 120, 240, 360, 480, 600]);
    for (const ms of [1, 999, 7_300, 95_000, 3_600_000]) {
      const labels = axisTicks(ms).map((t) => t.label);
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels.length).toBeLessThanOrEqual(9);
    }
  });
});

describe('element counts', () => {
  it('counts what is on the page, not what was removed', () => {
    const tree: AriaNode[] = [
      { role: 'heading', name: 'Sign in' },
      {
        role: 'form',
        name: 'Sign in',
        children: [
          { role: 'textbox', name: 'Email' },
          { role: 'checkbox', name: 'Remember me' },
          { role: 'button', name: 'Sign in' },
          { role: 'link', name: 'Help', diffStatus: 'removed' },
        ],
      },
      { role: 'navigation', name: 'Main', diffStatus: 'removed', children: [{ role: 'link', name: 'Home', diffStatus: 'removed' }] },
      { role: 'link', name: 'Docs', diffStatus: 'added' },
    ];
    expect(elementCounts(tree)).toEqual({ buttons: 1, inputs: 2, links: 1, headings: 1 });
  });
});

describe('checks before sending', () => {
  it('accepts WebM, MP4 and MKV up to 100 MB, and says why not otherwise', () => {
    expect(checkVideoFile({ name: 'a.webm', size: 10, type: 'video/webm' })).toBeNull();
    expect(checkVideoFile({ name: 'a.MKV', size: 10, type: '' })).toBeNull();
    expect(checkVideoFile({ name: 'notes.txt', size: 10, type: 'text/plain' })).toMatch(/not a supported video/);
    expect(checkVideoFile({ name: 'big.mp4', size: MAX_UPLOAD_BYTES + 1, type: 'video/mp4' })).toMatch(/over the 100 MB limit/);
    expect(checkVideoFile({ name: 'empty.mp4', size: 0, type: 'video/mp4' })).toMatch(/empty/);
  });

  it('wants an absolute http(s) seed URL and a JSON array timeline', () => {
    expect(checkSeedUrl('https://example.com/cart')).toBeNull();
    expect(checkSeedUrl('')).toMatch(/Enter the URL/);
    expect(checkSeedUrl('javascript:alert(1)')).toMatch(/http/);
    expect(checkSeedUrl('/relative')).toMatch(/http/);
    expect(checkTimeline('')).toBeNull();
    expect(checkTimeline('[{"t":0,"type":"navigate","url":"https://a.b"}]')).toBeNull();
    expect(checkTimeline('{"t":0}')).toMatch(/JSON array/);
    expect(checkTimeline('[oops')).toMatch(/JSON array/);
  });
});

describe('session filters', () => {
  const at = (daysAgo: number, id: string) => ({ id, createdAt: new Date(Date.UTC(2026, 0, 31) - daysAgo * 86_400_000).toISOString() }) as Session;
  const now = Date.UTC(2026, 0, 31);

  it('round-trips through the URL and ignores unknown values', () => {
    const f = readFilters(new URLSearchParams('q=checkout&status=complete&range=7d'));
    expect(f).toEqual({ q: 'checkout', status: 'complete', range: '7d' });
    expect(filtersToQuery(f)).toBe('?q=checkout&status=complete&range=7d');
    expect(readFilters(new URLSearchParams('status=bogus&range=1y'))).toEqual({ q: '', status: '', range: 'any' });
    expect(filtersToQuery({ q: '', status: '', range: 'any' })).toBe('');
  });

  it("keeps the date range, in the order loaded (the API's, page after page)", () => {
    const sessions = [at(20, 'old'), at(1, 'new'), at(5, 'mid')];
    expect(applyClientFilters(sessions, 'any', now).map((s) => s.id)).toEqual(['old', 'new', 'mid']);
    expect(applyClientFilters(sessions, '7d', now).map((s) => s.id)).toEqual(['new', 'mid']);
    expect(applyClientFilters(sessions, '30d', now).map((s) => s.id)).toEqual(['old', 'new', 'mid']);
  });
});

describe('paging', () => {
  it('finds the rel="next" link in a Link header', () => {
    expect(linkRel('</api/sessions?limit=50&cursor=abc>; rel="next"', 'next')).toBe('/api/sessions?limit=50&cursor=abc');
    expect(linkRel('<https://x.test/a?p=1>; rel=next', 'next')).toBe('https://x.test/a?p=1');
    expect(linkRel('</first>; rel="first", </p2>; title="a, b; c"; rel="prefetch NEXT"', 'next')).toBe('/p2');
    expect(linkRel('</prev>; rel="prev"', 'next')).toBeNull();
    expect(linkRel('</x>; rel="nextpage"', 'next')).toBeNull();
    expect(linkRel('', 'next')).toBeNull();
    expect(linkRel(null, 'next')).toBeNull();
  });

  it('turns a link into a path for the client, relative to the request', () => {
    const origin = 'http://localhost'; // node has no location: the client falls back to this origin
    expect(toApiPath('/api/sessions?cursor=a', '/sessions?limit=2')).toBe('/sessions?cursor=a');
    expect(toApiPath(`${origin}/api/sessions?cursor=a`, '/sessions')).toBe('/sessions?cursor=a');
    expect(toApiPath('?cursor=b', '/sessions?limit=2')).toBe('/sessions?cursor=b');
    expect(toApiPath('sessions?cursor=c', '/sessions?limit=2')).toBe('/sessions?cursor=c');
    expect(toApiPath('https://elsewhere.example/api/sessions', '/sessions')).toBe('https://elsewhere.example/api/sessions');
    expect(toApiPath('/other/sessions', '/sessions')).toBe(`${origin}/other/sessions`);
  });

  it('appends a page without repeating rows', () => {
    expect(appendUnique([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }, { id: 'c' }]).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('sorting sessions', () => {
  it('reads the sort from the page URL and asks the API for the same order under its field names', () => {
    expect(readSort(new URLSearchParams(''))).toBeNull();
    expect(readSort(new URLSearchParams('sort=bogus&order=asc'))).toBeNull();
    expect(readSort(new URLSearchParams('sort=frames'))).toEqual({ key: 'frames', dir: 'desc' });
    expect(readSort(new URLSearchParams('sort=title&order=desc'))).toEqual({ key: 'title', dir: 'desc' });
    const page = new URLSearchParams();
    const api = new URLSearchParams();
    setSortParams(page, { key: 'agent', dir: 'asc' }, false);
    setSortParams(api, { key: 'agent', dir: 'asc' }, true);
    expect(page.toString()).toBe('sort=agent&order=asc');
    expect(api.toString()).toBe('sort=agentTarget&order=asc');
  });

  it('starts words ascending and numbers and dates descending, and flips on a second press', () => {
    expect(nextSort(null, 'title')).toEqual({ key: 'title', dir: 'asc' });
    expect(nextSort(null, 'created')).toEqual({ key: 'created', dir: 'desc' });
    expect(nextSort({ key: 'created', dir: 'desc' }, 'created')).toEqual({ key: 'created', dir: 'asc' });
  });
});

describe('step words', () => {
  it("drops the frame's own origin from URLs in a card, and leaves other sites whole", () => {
    expect(withoutOrigin('navigate to http://shop.test:8080/cart; then click button "Pay"', 'http://shop.test:8080/')).toBe('navigate to /cart; then click button "Pay"');
    expect(withoutOrigin('navigate to https://other.test/x', 'http://shop.test/')).toBe('navigate to https://other.test/x');
    expect(withoutOrigin('navigate to about:blank', 'not a url')).toBe('navigate to about:blank');
  });
});
