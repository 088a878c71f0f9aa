import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentTarget } from '@claude-scope/contracts';
import { approxTokens, promptFileName, promptLines, splitPrompt } from '../../src/lib/prompt-sections.js';

// In node, not happy-dom: it reads the prompt package's golden files: real renderings of every format, screenshots and raw diff included.
const golden = (name: string) => fs.readFileSync(new URL(`../../../../packages/prompt/test/golden/${name}`, import.meta.url), 'utf8');
const FILES: Record<AgentTarget, string> = { CLAUDE_CODE: 'claude-code.txt', CODEX: 'codex.txt', CURSOR: 'cursor.txt', RAW: 'raw.txt' };

describe('splitPrompt', () => {
  it('finds each format’s own sections, in order, losing no line', () => {
    const headings = (agent: AgentTarget) => splitPrompt(golden(FILES[agent]), agent).map((s) => s.heading);
    expect(headings('CLAUDE_CODE')).toEqual([null, 'task', 'data_handling', 'environment', 'timeline', 'observed_ui', 'screenshots', 'raw_diff', 'instructions']);
    expect(headings('CODEX')[0]).toBeNull();
    expect(headings('CODEX').slice(1)).toEqual(golden(FILES.CODEX).split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3)));
    expect(headings('CURSOR')).toEqual([null, 'Targets', 'Steps', 'URLs', 'Elements', 'Screenshots', 'Raw diff']);
    expect(headings('RAW')).toEqual(golden(FILES.RAW).split('\n').filter((l) => /^[A-Z][A-Z ]{2,}$/.test(l)));
    for (const agent of Object.keys(FILES) as AgentTarget[]) {
      const text = golden(FILES[agent]);
      const kept = splitPrompt(text, agent).flatMap((s) => s.lines).filter((l) => l.trim()).length;
      const headingLines = agent === 'CLAUDE_CODE' ? 2 : 1; // the tag pair, or the heading line
      const sections = splitPrompt(text, agent).filter((s) => s.heading !== null).length;
      expect(kept + sections * headingLines, agent).toBe(text.split('\n').filter((l) => l.trim()).length);
    }
  });

  it('keeps one-line elements and nested tags as content', () => {
    const [task] = splitPrompt('<task>\n<title>Pay</title>\n<step index="1">\nx\n</step>\n</task>', 'CLAUDE_CODE');
    expect(task).toEqual({ heading: 'task', lines: ['<title>Pay</title>', '<step index="1">', 'x', '</step>'] });
  });

  it('splits a huge prompt in linear time', () => {
    const big = `${'## A\n'}${'x'.repeat(1_000_000)}\n${'<a-'.repeat(200_000)}\n${'A '.repeat(300_000)}`;
    const started = performance.now();
    for (const agent of Object.keys(FILES) as AgentTarget[]) splitPrompt(big, agent);
    expect(performance.now() - started, 'a regression guard, far above what this takes').toBeLessThan(2_000);
  });
});

describe('promptLines', () => {
  it('turns Markdown images and Raw’s labelled data URLs into images', () => {
    const md = splitPrompt(golden(FILES.CODEX), 'CODEX').find((s) => s.heading === 'Screenshots')!;
    const images = promptLines(md.lines).filter((l) => l.kind === 'image');
    expect(images.length).toBeGreaterThan(0);
    expect(images[0]).toMatchObject({ kind: 'image', label: 'step 1' });
    expect((images[0] as { src: string }).src).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);

    const raw = splitPrompt(golden(FILES.RAW), 'RAW').find((s) => s.heading === 'SCREENSHOTS')!;
    const rawImages = promptLines(raw.lines).filter((l) => l.kind === 'image');
    expect(rawImages).toHaveLength(images.length);
    expect(rawImages[0]).toMatchObject({ label: 'Screenshot of step 1 at 00:00.0' });
    expect(promptLines(raw.lines).some((l) => l.kind === 'text' && l.text.includes('base64,'))).toBe(false);
  });
});

describe('size and file names', () => {
  it('approximates tokens and names downloads after the session and agent', () => {
    expect(approxTokens('x'.repeat(4001))).toBe(1001);
    expect(promptFileName('Login toast: never shows!', 'CLAUDE_CODE', 'md')).toBe('login-toast-never-shows-claude-code.md');
    expect(promptFileName('«»', 'RAW', 'txt')).toBe('prompt-raw.txt');
  });
});
