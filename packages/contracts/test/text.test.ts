import { describe, expect, it } from 'vitest';
import { findUnstorableText, textProblem } from '../src/text.js';

describe('the text rule (what Postgres cannot store)', () => {
  it('refuses U+0000 and lone surrogates, and only those', () => {
    expect(textProblem('a\u0000b')).toBe('must not contain U+0000');
    expect(textProblem('\ud800')).toBe('must be well-formed Unicode (no lone surrogates)');
    expect(textProblem('x\udfffy')).toBe('must be well-formed Unicode (no lone surrogates)');
    expect(textProblem('💥 a pair is one code point')).toBeUndefined();
    expect(textProblem('\u0001\u202e\uffff\ufeff%00\\u0000')).toBeUndefined();
  });

  it('names the first bad string by its JSON pointer, values and field names alike', () => {
    expect(findUnstorableText({ title: 'ok', urls: ['https://a.example/', 'b\u0000'] })).toEqual({ instancePath: '/urls/1', message: 'must not contain U+0000' });
    expect(findUnstorableText([{ t: 0, name: '\ud83d' }])).toEqual({ instancePath: '/0/name', message: 'must be well-formed Unicode (no lone surrogates)' });
    expect(findUnstorableText({ a: { 'k\u0000': 1 } })).toEqual({ instancePath: '/a', message: 'field names must not contain U+0000' });
    expect(findUnstorableText({ 'a/b': 'x\u0000' })).toEqual({ instancePath: '/a~1b', message: 'must not contain U+0000' });
    expect(findUnstorableText({ n: 1, b: true, z: null, s: 'fine' })).toBeUndefined();
    expect(findUnstorableText('\u0000')).toEqual({ instancePath: '', message: 'must not contain U+0000' });
  });

  it('walks any depth without recursion', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.message).toBe('must not contain U+0000');
  });
});
