import type { AgentTarget } from '@claude-scope/contracts';
import { expect } from 'vitest';
import type { PromptOptions } from '../src/index.js';

export const TARGETS: AgentTarget[] = ['CLAUDE_CODE', 'CODEX', 'CURSOR', 'RAW'];
export const ALL_ON: PromptOptions = { includeScreenshots: true, inlineAriaTree: true, includeRawDiff: true };
export const ALL_OFF: PromptOptions = { includeScreenshots: false, inlineAriaTree: false, includeRawDiff: false };

type Range = [start: number, end: number];

/** Character ranges of the blocks a format declares untrusted. */
export function untrustedRanges(text: string, target: AgentTarget): Range[] {
  const ranges: Range[] = [];
  if (target === 'CLAUDE_CODE') {
    for (const m of text.matchAll(/<([a-z_]+) untrusted="true">/g)) {
      const end = text.indexOf(`</${m[1]}>`, m.index);
      expect(end, `unclosed <${m[1]}>`).toBeGreaterThan(m.index);
      ranges.push([m.index, end]);
    }
  } else if (target === 'RAW') {
    for (const m of text.matchAll(/^BEGIN UNTRUSTED DATA \((.+)\)$/gm)) {
      const end = text.indexOf(`\nEND UNTRUSTED DATA (${m[1]})`, m.index);
      expect(end, `unclosed ${m[1]}`).toBeGreaterThan(m.index);
      ranges.push([m.index, end]);
    }
  } else {
    let open = -1;
    const lines = text.split('\n');
    let offset = 0;
    for (const line of lines) {
      if (open < 0 && line === '```text') open = offset;
      else if (open >= 0 && line === '```') {
        ranges.push([open, offset]);
        open = -1;
      }
      offset += line.length + 1;
    }
    expect(open, 'unclosed fence').toBe(-1);
  }
  return ranges;
}

/** Every occurrence of `needle` lies inside an untrusted block. */
export function expectOnlyInsideUntrusted(text: string, target: AgentTarget, needle: string): void {
  const ranges = untrustedRanges(text, target);
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    count++;
    expect(
      ranges.some(([s, e]) => i > s && i + needle.length <= e),
      `"${needle}" at ${i} is outside every untrusted block:\n${text.slice(Math.max(0, i - 200), i + 100)}`,
    ).toBe(true);
  }
  expect(count, `"${needle}" should appear`).toBeGreaterThan(0);
}

/** Structural soundness: balanced tags/fences/delimiters and complete image data URLs. */
export function expectWellFormed(text: string, target: AgentTarget): void {
  if (target === 'CLAUDE_CODE') {
    for (const tag of ['task', 'data_handling', 'environment', 'timeline', 'observed_ui', 'screenshots', 'raw_diff', 'omitted', 'instructions', 'step', 'state', 'diff']) {
      const opens = text.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      const closes = text.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
      expect(closes, `<${tag}> balance`).toBe(opens);
    }
  }
  if (target === 'CODEX' || target === 'CURSOR') {
    const fences = text.split('\n').filter((l) => l.startsWith('```'));
    fences.forEach((l, i) => expect(l, `fence ${i}`).toBe(i % 2 === 0 ? '```text' : '```'));
  }
  if (target === 'RAW') {
    const begins = text.match(/^BEGIN UNTRUSTED DATA/gm)?.length ?? 0;
    expect(text.match(/^END UNTRUSTED DATA/gm)?.length ?? 0).toBe(begins);
    for (const [s, e] of untrustedRanges(text, 'RAW')) {
      const inner = text.slice(text.indexOf('\n', s) + 1, e).split('\n');
      inner.forEach((line) => expect(line.startsWith('|'), `unprefixed line: ${line}`).toBe(true));
    }
  }
  for (const m of text.matchAll(/data:image\/png;base64,/g)) {
    const rest = text.slice(m.index + m[0].length);
    expect(rest, 'image data URL cut').toMatch(target === 'RAW' ? /^[A-Za-z0-9+/]+={0,2}(\n|$)/ : /^[A-Za-z0-9+/]+={0,2}\)/);
  }
}
