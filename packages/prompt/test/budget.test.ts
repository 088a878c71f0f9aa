import { describe, expect, it } from 'vitest';
import { fit, type Block, type Doc, type Omission, type Unit } from '../src/budget.js';
import { render } from '../src/index.js';
import { loginDashboardModal } from './fixtures/analysis.js';
import { hugeAnalysis } from './fixtures/huge.js';
import { ALL_OFF, ALL_ON, TARGETS, expectWellFormed } from './helpers.js';

const u = (id: string, size: number, extra: Partial<Unit> = {}): Unit => ({ text: `<${id}>${'.'.repeat(size)}</${id}>`, ...extra });
const doc = (blocks: Block[]): Doc => ({
  blocks,
  renderOmissions: (o: Omission[]) => (o.length ? `OMITTED ${o.map((x) => `${x.kind}:${x.items.join(',')}`).join(' ')}` : ''),
});
/** A document with one unit of every class, ten characters over the budget at each stage. */
function sample(): Doc {
  return doc([
    { head: 'TASK', units: [] },
    { units: [], omissions: true },
    { head: 'TIMELINE', units: [u('t1', 50, { cls: 'timeline', step: 1 }), u('t2', 50, { cls: 'timeline', step: 2, problem: true }), u('t3', 50, { cls: 'timeline', step: 3 })], keepEmpty: true },
    { head: 'URLS', units: [u('url1', 50, { cls: 'url', step: 1 }), u('url2', 50, { cls: 'url', step: 2 })], keepEmpty: true },
    { head: 'TREES', units: [u('tree1', 100, { cls: 'tree', step: 1 }), u('tree2', 100, { cls: 'tree', step: 2, compact: '<tree2c/>' }), u('tree3', 100, { cls: 'tree', step: 3, compact: '' })] },
    { head: 'SHOTS', units: [u('shot1', 100, { cls: 'screenshot', step: 1 }), u('shot2', 100, { cls: 'screenshot', step: 2, unchanged: true }), u('shot3', 100, { cls: 'screenshot', step: 3 })] },
    { head: 'RAW', units: [u('raw2', 100, { cls: 'rawDiff', step: 2 }), u('raw3', 100, { cls: 'rawDiff', step: 3 })] },
    { head: 'END', units: [] },
  ]);
}
const present = (text: string) => [...text.matchAll(/<([a-z0-9]+)>/g)].map((m) => m[1]);

describe('fit', () => {
  const full = fit(sample(), 1e9);

  it('leaves a document that fits untouched', () => {
    expect(full.omissions).toEqual([]);
    expect(full.fits).toBe(true);
    expect(full.text).not.toContain('OMITTED');
  });

  it('drops in order: raw diff, full trees → compact, unchanged screenshots, older screenshots, trees, URLs, quiet timeline entries', () => {
    const sequence: string[][] = [];
    for (let max = full.text.length; max > 0; max -= 10) {
      const r = fit(sample(), max);
      if (r.fits) expect(r.text.length).toBeLessThanOrEqual(max);
      const kept = present(r.text).join(' ');
      if (sequence.at(-1)?.join(' ') !== kept) sequence.push(kept.split(' '));
    }
    const firstMissing = (id: string) => sequence.findIndex((kept) => !kept.includes(id));
    const order = ['raw2', 'raw3', 'tree2', 'tree3', 'shot2', 'shot1', 'shot3', 'tree1', 'url2', 'url1', 't1', 't3', 't2'];
    const when = order.map(firstMissing);
    when.forEach((w, i) => expect(w, order[i]).toBeGreaterThan(0));
    expect([...when].sort((a, b) => a - b)).toEqual(when);
  });

  it('keeps units whole: each is either there verbatim or absent, and the note names it', () => {
    const units = sample().blocks.flatMap((b) => b.units);
    for (let max = full.text.length; max > 0; max -= 7) {
      const r = fit(sample(), max);
      for (const unit of units) {
        const id = unit.text.match(/^<([a-z0-9]+)>/)![1]!;
        if (r.text.includes(`<${id}>`)) expect(r.text).toContain(unit.text);
        else if (id === 'tree2' && r.text.includes('<tree2c/>')) expect(r.omissions.find((o) => o.kind === 'fullTree')?.items).toContain(2);
        else expect(r.omissions.some((o) => o.items.includes(unit.step!)), `${id} dropped silently at ${max}`).toBe(true);
      }
    }
  });

  it('removes a block whose units are all gone, unless it must stay', () => {
    const r = fit(sample(), 120);
    expect(r.text).not.toContain('SHOTS');
    expect(r.text).not.toContain('RAW');
    expect(r.text).toContain('TIMELINE');
    expect(r.text).toContain('URLS');
  });

  it('returns the minimum, saying what is missing, when even that is over budget', () => {
    const r = fit(sample(), 10);
    expect(r.fits).toBe(false);
    expect(r.text).toContain('TASK');
    expect(r.text).toContain('timeline:1,2,3');
    expect(present(r.text)).toEqual([]);
  });
});

describe('render within maxChars', () => {
  it('drops the screenshot of an unchanged frame first, then the oldest ones', () => {
    const options = { ...ALL_OFF, includeScreenshots: true };
    const full = render(loginDashboardModal(), options, 'CLAUDE_CODE');
    const one = render(loginDashboardModal(), { ...options, maxChars: full.length - 10 }, 'CLAUDE_CODE');
    expect(one.length).toBeLessThanOrEqual(full.length - 10);
    expect(one).not.toContain('![step 7');
    expect(one).toContain('![step 1');
    expect(one).toMatch(/<omitted>\n.*\n- the screenshots of step 7\n<\/omitted>/);
    const shot = full.match(/^!\[step 1 .*$/m)![0];
    const two = render(loginDashboardModal(), { ...options, maxChars: full.length - shot.length - 200 }, 'CLAUDE_CODE');
    // Step 7 (unchanged) and then the oldest ones went; the newest ones stayed.
    const kept = [...two.matchAll(/^!\[step (\d+) /gm)].map((m) => Number(m[1]));
    const oldestKept = Math.min(...kept);
    expect(oldestKept).toBeGreaterThan(1);
    expect(kept).toEqual([1, 2, 3, 4, 5, 6, 8].filter((s) => s >= oldestKept));
    expect(two).toContain(`the screenshots of steps 1${oldestKept - 1 > 1 ? `–${oldestKept - 1}` : ''}, 7`);
  });

  it('shrinks repeated element lists to their changes before touching screenshots', () => {
    const options = { ...ALL_OFF, inlineAriaTree: true, includeScreenshots: true };
    const full = render(loginDashboardModal(), options, 'CODEX');
    const text = render(loginDashboardModal(), { ...options, maxChars: full.length - 300 }, 'CODEX');
    expect(text).toContain('Changes since the previous step (full element list left out):');
    expect(text.match(/data:image\/png/g)).toHaveLength(8);
    expect(text).toMatch(/- the full element lists for step/);
  });

  it('treats a missing, zero or nonsense maxChars as the default 60 000', () => {
    const analysis = hugeAnalysis(60);
    const expected = render(analysis, ALL_ON, 'RAW');
    expect(expected.length).toBeLessThanOrEqual(60_000);
    for (const maxChars of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(render(analysis, { ...ALL_ON, maxChars }, 'RAW')).toBe(expected);
  });
});

describe.each(TARGETS)('%s: 200 steps with big trees and screenshots', (target) => {
  const analysis = hugeAnalysis(200);
  const unlimited = render(analysis, { ...ALL_ON, maxChars: 1e9 }, target);

  it('is far over budget without limits', () => {
    expect(unlimited.length).toBeGreaterThan(1_000_000);
  });

  for (const maxChars of [60_000, 400_000]) {
    it(`fits under ${maxChars} characters, nothing cut mid-section, omissions named`, () => {
      const text = render(analysis, { ...ALL_ON, maxChars }, target);
      expect(text.length).toBeLessThanOrEqual(maxChars);
      expect(text.length).toBeGreaterThan(maxChars * 0.9); // and it uses the budget
      expect(text).toMatch(new RegExp(`under ${maxChars.toLocaleString('en-US')} characters|Left out \\(budget\\)`));
      expect(text).toMatch(/raw node-level diff for steps 2–200/);
      expectWellFormed(text, target);
      // The ending (instructions or last reference block) is always there.
      expect(text).toContain(target === 'CURSOR' ? '## Steps' : target === 'CODEX' ? '## Acceptance checklist' : target === 'RAW' ? 'INSTRUCTIONS' : '</instructions>');
      // Every timeline entry that is present is complete, exactly as in the unlimited prompt.
      for (const entry of timelineEntries(text, target)) expect(unlimited).toContain(entry);
      // The step with the failed action is never the one left out.
      expect(text).toContain('click button "Checkout" could not be performed');
    });
  }
});

function timelineEntries(text: string, target: (typeof TARGETS)[number]): string[] {
  switch (target) {
    case 'CLAUDE_CODE':
      return [...text.matchAll(/<step index="\d+"[^>]*>[\s\S]*?<\/step>/g)].map((m) => m[0]);
    case 'RAW':
      return [...text.matchAll(/^\| Step \d+ at [\s\S]*?(?=\n\|\n|\nEND UNTRUSTED DATA)/gm)].map((m) => m[0]);
    case 'CODEX':
      return [...text.matchAll(/^\d+\. \[\d\d:\d\d\.\d\] [\s\S]*?(?=\n\n|\n```)/gm)].map((m) => m[0]);
    case 'CURSOR':
      return [...text.matchAll(/^\d+\. \d\d:\d\d\.\d [^\n]*(\n {3}! [^\n]*)*/gm)].map((m) => m[0]);
  }
}
