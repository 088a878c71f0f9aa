import { describe, expect, it } from 'vitest';
import { render } from '../src/index.js';
import { loginDashboardModal } from './fixtures/analysis.js';
import { ALL_ON, TARGETS } from './helpers.js';

const out = Object.fromEntries(TARGETS.map((t) => [t, render(loginDashboardModal(), ALL_ON, t)])) as Record<(typeof TARGETS)[number], string>;

/** The structural skeleton of a prompt: tags, headings, fences, front matter, checklist and section lines. */
function skeleton(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^(<\/?[a-z_]+|#{1,3} |```|---$|- \[ \]|[A-Z][A-Z ]+$|BEGIN |END )/.test(l))
    .map((l) => l.replace(/ (index|step|time)="[^"]*"/g, '').replace(/\(.*\)$/, ''));
}

describe('formats', () => {
  it('CLAUDE_CODE uses XML-tagged sections with untrusted data marked, instructions last', () => {
    const t = out.CLAUDE_CODE;
    for (const tag of ['<task>', '<environment untrusted="true">', '<timeline untrusted="true">', '<observed_ui untrusted="true">', '<instructions>'])
      expect(t).toContain(tag);
    expect(t.trimEnd().endsWith('</instructions>')).toBe(true);
    expect(t).not.toMatch(/^#{1,3} /m);
  });

  it('CODEX is an AGENTS.md-style brief: goal, reproduction, expected vs observed, elements, checklist', () => {
    const t = out.CODEX;
    const order = ['# Task: ', '## Goal', '## Reproduction steps', '## Expected vs observed behaviour', '## Relevant URLs and elements', '## Acceptance checklist'];
    const positions = order.map((h) => t.indexOf(h));
    positions.forEach((p, i) => expect(p, order[i]).toBeGreaterThanOrEqual(0));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(t.match(/^- \[ \] /gm)?.length).toBeGreaterThanOrEqual(4);
    expect(t).not.toMatch(/<[a-z_]+ untrusted=/);
    expect(t.startsWith('---')).toBe(false); // AGENTS.md has no front matter
  });

  it('CURSOR is a rule: front matter, short imperative bullets, then the data they point at', () => {
    const t = out.CURSOR;
    expect(t).toMatch(/^---\ndescription: ".*"\nalwaysApply: false\n---\n# /);
    const bullets = t.slice(0, t.indexOf('## ')).split('\n').filter((l) => l.startsWith('- '));
    expect(bullets.length).toBeGreaterThanOrEqual(6);
    for (const b of bullets.slice(1)) expect(b.length, b).toBeLessThan(160);
    expect(t).toContain('## Targets');
    expect(t).not.toContain('- [ ]');
  });

  it('RAW has no markdown or XML markup at all', () => {
    const t = out.RAW;
    expect(t).not.toMatch(/^#{1,6} /m); // headings
    expect(t).not.toContain('```'); // fences
    expect(t).not.toMatch(/`[^`\n]+`/); // inline code
    expect(t).not.toMatch(/\*\*|__/); // emphasis
    expect(t).not.toMatch(/!?\[[^\]\n]*\]\([^)\n]*\)/); // links and images
    expect(t).not.toMatch(/<\/?[a-z_]+( [a-z_]+="[^"]*")*>/); // tags
    expect(t).not.toMatch(/^- \[[ x]\]/m); // checklists
    expect(t).not.toMatch(/^---$/m); // front matter
    expect(t).toMatch(/^Screenshot of step 1 at 00:00\.0 \(PNG, base64\):\ndata:image\/png;base64,/m);
  });

  it('the four skeletons differ pairwise', () => {
    const skeletons = TARGETS.map((t) => skeleton(out[t]).join('\n'));
    for (let i = 0; i < skeletons.length; i++)
      for (let j = i + 1; j < skeletons.length; j++) expect(skeletons[i], `${TARGETS[i]} vs ${TARGETS[j]}`).not.toBe(skeletons[j]);
  });

  it('every format carries the same facts: times, URLs, action, changes, errors, failure', () => {
    for (const target of TARGETS) {
      const t = out[target];
      for (const fact of [
        '00:11.5',
        'http://localhost:5173/login',
        'click button "Place order"',
        'dialog "New order" appeared',
        "TypeError: Cannot read properties of undefined (reading 'total')",
        'GET http://localhost:5173/api/orders/summary?access_token=[REDACTED] → 500',
        'the element is disabled (waited 5000 ms)',
      ])
        expect(t, `${target}: ${fact}`).toContain(fact);
    }
  });

  it('is deterministic: same input, same output; input is not mutated', () => {
    for (const target of TARGETS) {
      const analysis = loginDashboardModal();
      const before = JSON.stringify(analysis);
      const a = render(analysis, ALL_ON, target);
      const b = render(analysis, ALL_ON, target);
      expect(b).toBe(a);
      expect(render(loginDashboardModal(), ALL_ON, target)).toBe(a);
      expect(JSON.stringify(analysis)).toBe(before);
    }
  });

  it('reflects changes to an input object between two renders (no stale caching)', () => {
    const analysis = loginDashboardModal();
    const before = render(analysis, ALL_ON, 'CLAUDE_CODE');
    analysis.steps[0]!.ariaTree[1]!.children![1]!.children![3]!.name = 'Log in';
    analysis.steps[0]!.ariaTree.push({ role: 'button', name: 'Help' });
    const after = render(analysis, ALL_ON, 'CLAUDE_CODE');
    expect(after).not.toBe(before);
    expect(after).toContain('button "Log in"');
    expect(after).toContain('button "Help"');
  });

  it('does not depend on the key order of tree nodes', () => {
    const analysis = loginDashboardModal();
    const reversed = JSON.parse(JSON.stringify(analysis), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    for (const target of TARGETS) expect(render(reversed, ALL_ON, target)).toBe(render(analysis, ALL_ON, target));
  });

  it('rejects an unknown target', () => {
    expect(() => render(loginDashboardModal(), ALL_ON, 'VIM' as never)).toThrow(/unknown agent target/);
  });
});
