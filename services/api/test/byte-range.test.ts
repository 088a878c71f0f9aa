import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../src/lib/byte-range.js';

/** The Range header of GET /sessions/:id/playback (RFC 9110 §14): what to send for each form. */
describe('parseByteRange', () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=10-', { start: 10, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-1', { start: 999, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }], // a suffix longer than the object is the whole object
    [' bytes=1-2 ', { start: 1, end: 2 }],
  ])('%s → %j', (header, want) => expect(parseByteRange(header, 1000)).toEqual(want));

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s → unsatisfiable (416)', (header) =>
    expect(parseByteRange(header, 1000)).toBe('unsatisfiable'),
  );

  it.each([undefined, '', 'bytes=', 'bytes=-', 'bytes=a-b', 'items=0-1', 'bytes=0-1,4-5', 'bytes=9-3'])('%j → null: the whole object (200)', (header) =>
    expect(parseByteRange(header, 1000)).toBeNull(),
  );

  it('an empty object satisfies no range', () => {
    expect(parseByteRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-10', 0)).toBe('unsatisfiable');
  });
});
