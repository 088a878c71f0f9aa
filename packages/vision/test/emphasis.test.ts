import { describe, expect, it } from 'vitest';
import { emphasisShift, type Look } from '../src/index.js';

const look = (ground: Look['ground'], ink: Look['ink'], stroke = 2): Look => ({ ground, ink, stroke });
const page = [245, 246, 250] as const;
const dark = [15, 23, 42] as const;

describe('a label’s emphasis, before → after', () => {
  it('rises as a tab is selected, in each way a page shows it', () => {
    // Grey → dark ink and bold (light theme); grey → white ink (dark theme); a coloured ink; a filled pill.
    expect(emphasisShift(look(page, [107, 114, 128]), look(page, [31, 41, 55], 3.6))).toBe('up');
    expect(emphasisShift(look(dark, [148, 163, 184]), look(dark, [241, 245, 249]))).toBe('up');
    expect(emphasisShift(look(page, [107, 114, 128]), look(page, [79, 70, 229]))).toBe('up');
    expect(emphasisShift(look(page, [31, 41, 55]), look(page, [31, 41, 55], 2.8))).toBe('up');
  });

  it('falls as the selection leaves, and holds through codec noise', () => {
    expect(emphasisShift(look(page, [31, 41, 55], 3.6), look(page, [107, 114, 128]))).toBe('down');
    expect(emphasisShift(look(page, [107, 114, 128], 1.9), look([247, 246, 249], [112, 110, 131], 2.05))).toBe('same');
  });

  it('cannot tell when the signs disagree: white on an accent fill from dark on the page', () => {
    expect(emphasisShift(look(page, [31, 41, 55], 3.6), look([79, 70, 229], [255, 255, 255], 2))).toBe('mixed');
  });
});
