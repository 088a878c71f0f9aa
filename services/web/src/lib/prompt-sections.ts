import type { AgentTarget } from '@claude-scope/contracts';

/** A block of a prompt as the viewer shows it: its heading (null for the opening lines) and its lines. */
export interface PromptSection {
  heading: string | null;
  lines: string[];
}

/** One line of a section, with any embedded image pulled out so it can be shown as a picture. */
export type PromptLine = { kind: 'text'; text: string } | { kind: 'image'; label: string; src: string };

const DATA_URL = 'data:image/png;base64,';

/**
 * Splits a rendered prompt into its sections, by each format's own headings (packages/prompt/src/formats):
 * Claude Code's top-level XML-style tags, Codex's and Cursor's `## ` headings, Raw's capitalised lines.
 * Only line starts are read and no pattern backtracks, so a huge prompt splits in one linear pass.
 */
export function splitPrompt(prompt: string, agent: AgentTarget): PromptSection[] {
  const lines = prompt.split('\n');
  const sections: PromptSection[] = [];
  let current: PromptSection = { heading: null, lines: [] };
  const start = (heading: string) => {
    if (current.heading !== null || current.lines.some((l) => l.trim())) sections.push(current);
    current = { heading, lines: [] };
  };
  let closing: string | null = null; // Claude Code: the tag that ends the open section
  for (const line of lines) {
    if (agent === 'CLAUDE_CODE') {
      if (closing === null) {
        const tag = openingTag(line);
        if (tag) {
          start(tag);
          closing = `</${tag}>`;
          continue;
        }
      } else if (line === closing) {
        closing = null;
        continue;
      }
    } else if (agent === 'RAW' ? isRawHeading(line) : line.startsWith('## ')) {
      start(agent === 'RAW' ? line : line.slice(3));
      continue;
    }
    current.lines.push(line);
  }
  sections.push(current);
  return sections.map((s) => ({ ...s, lines: trimBlank(s.lines) })).filter((s) => s.heading !== null || s.lines.length);
}

/** `<timeline untrusted="true">` alone on a line → `timeline`; anything else → null. */
function openingTag(line: string): string | null {
  if (!line.startsWith('<') || !line.endsWith('>') || line.startsWith('</')) return null;
  let i = 1;
  while (i < line.length && ((line[i]! >= 'a' && line[i]! <= 'z') || line[i] === '_')) i++;
  if (i === 1 || (line[i] !== '>' && line[i] !== ' ')) return null;
  const name = line.slice(1, i);
  // A one-line element (`<title>…</title>`) is content, not a section.
  return line.endsWith(`</${name}>`) ? null : name;
}

/** Raw's headings: a line of capitals and spaces (`UI STATES`), at least three letters. */
function isRawHeading(line: string): boolean {
  if (line.length < 3 || line.length > 60 || line[0] === ' ') return false;
  for (const ch of line) if (!((ch >= 'A' && ch <= 'Z') || ch === ' ')) return false;
  return true;
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && !lines[a]!.trim()) a++;
  while (b > a && !lines[b - 1]!.trim()) b--;
  return lines.slice(a, b);
}

/**
 * The section's lines with images taken out: a Markdown image (`![step 1](data:…)`) or a bare data URL
 * (Raw puts its label on the line before) becomes one image line.
 */
export function promptLines(lines: readonly string[]): PromptLine[] {
  const out: PromptLine[] = [];
  for (const line of lines) {
    const at = line.indexOf(DATA_URL);
    if (at < 0) {
      out.push({ kind: 'text', text: line });
      continue;
    }
    if (line.startsWith('![') && line.endsWith(')')) {
      const close = line.indexOf('](');
      out.push({ kind: 'image', label: line.slice(2, close), src: line.slice(close + 2, -1) });
      continue;
    }
    const prev = out.at(-1);
    const label = prev?.kind === 'text' && prev.text.trim() ? (out.pop() as { text: string }).text.replace(/ \(PNG, base64\):$/, '') : 'screenshot';
    out.push({ kind: 'image', label, src: line.slice(at).trim() });
  }
  return out;
}

/** A rough token count (about four characters a token for English prose and markup). */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** `login-toast-never-shows-claude-code.md` */
export function promptFileName(title: string, agent: AgentTarget, ext: 'md' | 'txt'): string {
  const slug =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'prompt';
  return `${slug}-${agent.toLowerCase().replace(/_/g, '-')}.${ext}`;
}
