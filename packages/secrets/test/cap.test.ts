import { describe, expect, it } from 'vitest';
import { capText, MAX_TEXT, maskSecretText, TRUNCATED } from '../src/index.js';

describe('capText', () => {
  it('keeps text up to the cap, and cuts longer text with a marker', () => {
    expect(capText('abc', 3)).toBe('abc');
    expect(capText('abcd', 3)).toBe(`abc${TRUNCATED}`);
    expect(capText('x'.repeat(MAX_TEXT))).toHaveLength(MAX_TEXT);
  });

  it('counts code points and never splits a surrogate pair', () => {
    expect(capText('😀😀😀', 2)).toBe(`😀😀${TRUNCATED}`);
    expect(capText('😀😀', 2)).toBe('😀😀');
  });

  it('runs before masking: the masker never sees more than the cap', () => {
    const out = maskSecretText(`${'a '.repeat(MAX_TEXT)}password=hunter2`);
    expect(out.endsWith(TRUNCATED)).toBe(true);
    expect(out).not.toContain('hunter2');
  });
});
