import { describe, expect, it } from 'vitest';
import { capLines, renderTree } from '../src/tree-text.js';
import { cap, formatRanges, formatTime, groupDigits, oneLine, plural } from '../src/text.js';
import { n } from './fixtures/analysis.js';

describe('text helpers', () => {
  it('formats time as mm:ss.s', () => {
    expect(formatTime(0)).toBe('00:00.0');
    expect(formatTime(4_849)).toBe('00:04.8');
    expect(formatTime(59_960)).toBe('01:00.0');
    expect(formatTime(3_723_400)).toBe('62:03.4');
    expect(formatTime(-5)).toBe('00:00.0');
    expect(formatTime(Number.NaN)).toBe('00:00.0');
  });

  it('compresses step lists into ranges', () => {
    expect(formatRanges([5, 1, 2, 3, 9, 3])).toBe('1–3, 5, 9');
    expect(formatRanges([])).toBe('');
  });

  it('agrees a noun with its count', () => {
    expect(plural(1, 'step')).toBe('1 step');
    expect(plural(0, 'frame')).toBe('0 frames');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('groups digits without locale data', () => {
    expect(groupDigits(60_000)).toBe('60,000');
    expect(groupDigits(1_234_567)).toBe('1,234,567');
    expect(groupDigits(999)).toBe('999');
  });

  it('oneLine removes line breaks, control and bidi characters; cap never splits a surrogate pair', () => {
    expect(oneLine('a\nb\r\n\tc\u202Ed\u200Be\u0007')).toBe('a b cde');
    expect(cap('ab😀cd', 4)).toBe('ab…');
    expect(cap('abc', 3)).toBe('abc');
  });
});

describe('capLines', () => {
  it('bounds a huge page and says how much is missing', () => {
    const page = [n('main', '', {}, Array.from({ length: 1000 }, (_, i) => n('link', `Item ${i}`)))];
    const lines = capLines(renderTree(page, { filter: 'interactive', mode: 'snapshot', collapseRemoved: true }), 150);
    expect(lines).toHaveLength(151);
    expect(lines.at(-1)).toBe('  … 851 more elements not shown');
  });
});
