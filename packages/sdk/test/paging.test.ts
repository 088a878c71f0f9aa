import { describe, expect, it } from 'vitest';
import { nextCursor, nextLink } from '../src/index.js';

describe('Link header', () => {
  it('finds rel="next" among other links and reads its cursor', () => {
    const header = '</api/sessions?limit=2&cursor=abc%3D%3D>; rel="next", </api/sessions?limit=2>; rel="first"';
    expect(nextLink(header)).toBe('/api/sessions?limit=2&cursor=abc%3D%3D');
    expect(nextCursor(header)).toBe('abc==');
  });
  it('accepts unquoted and multi-valued rel, and nothing else', () => {
    expect(nextCursor('</x?cursor=1>; rel=next')).toBe('1');
    expect(nextCursor('</x?cursor=2>; title="a, b"; rel="prefetch next"')).toBe('2');
    expect(nextCursor('</x?cursor=3>; rel="prev"')).toBeNull();
    expect(nextCursor(null)).toBeNull();
    expect(nextCursor('')).toBeNull();
  });
});
