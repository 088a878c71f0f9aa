import type { AriaNode } from '@claude-scope/contracts';

/**
 * Every tool result (its text and its structured content together) stays under this many characters,
 * about 24 000 tokens: agents such as Claude Code warn at 25 000 tokens and truncate beyond. Tools page or
 * trim to fit and say so in a note.
 */
export const RESULT_MAX_CHARS = 96_000;
/** Half for the structured content, half for the text that renders it. */
export const PART_MAX_CHARS = RESULT_MAX_CHARS / 2;

export const size = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

export function truncateText(s: string, max: number): { text: string; truncated: boolean } {
  if (s.length <= max) return { text: s, truncated: false };
  return { text: s.slice(0, Math.max(0, max - 1)) + '…', truncated: true };
}

/** The tree down to `depth` levels (1 = top nodes only); a cut node says how many children it had. */
export function cutDepth(nodes: readonly AriaNode[], depth: number): AriaNode[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    if (!children?.length) return { ...rest };
    if (depth <= 1) return { ...rest, childrenOmitted: children.length };
    return { ...rest, children: cutDepth(children, depth - 1) };
  });
}

export function treeDepth(nodes: readonly AriaNode[]): number {
  let max = 0;
  for (const n of nodes) max = Math.max(max, 1 + treeDepth(n.children ?? []));
  return max;
}

/**
 * The deepest cut of `nodes` (at most `maxDepth`) whose JSON fits `maxChars`; when even the top level is
 * too big, its first nodes only. `truncated` says whether anything was left out.
 */
export function fitTree(nodes: readonly AriaNode[], maxDepth: number, maxChars: number): { tree: AriaNode[]; depth: number; truncated: boolean; omittedTopNodes: number } {
  const full = treeDepth(nodes);
  for (let depth = Math.min(maxDepth, full); depth >= 1; depth--) {
    const tree = cutDepth(nodes, depth);
    if (size(tree) <= maxChars) return { tree, depth, truncated: depth < full, omittedTopNodes: 0 };
  }
  const top = cutDepth(nodes, 1);
  let kept = top.length;
  while (kept > 0 && size(top.slice(0, kept)) > maxChars) kept = Math.floor(kept / 2);
  return { tree: top.slice(0, kept), depth: full === 0 ? 0 : 1, truncated: true, omittedTopNodes: top.length - kept };
}

/** Only the marked nodes (added, changed, removed) and the ancestors that locate them. */
export function pruneToMarked(nodes: readonly AriaNode[]): AriaNode[] {
  const out: AriaNode[] = [];
  for (const node of nodes) {
    if (node.diffStatus === 'added' || node.diffStatus === 'removed') {
      out.push(node);
      continue;
    }
    const children = pruneToMarked(node.children ?? []);
    if (node.diffStatus === 'changed' || children.length) {
      const { children: _all, ...rest } = node;
      out.push(children.length ? { ...rest, children } : rest);
    }
  }
  return out;
}

/** Indented lines, one per node: `- button "Pay now" [added] checked=true`. */
export function renderTree(nodes: readonly AriaNode[], indent = 0, lines: string[] = []): string[] {
  for (const node of nodes) {
    const states = Object.entries(node)
      .filter(([k, v]) => !['role', 'name', 'children', 'diffStatus', 'previous', 'childrenOmitted'].includes(k) && v !== undefined)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    const parts = [`${'  '.repeat(indent)}- ${node.role}${node.name ? ` ${JSON.stringify(node.name)}` : ''}`];
    if (node.diffStatus) parts.push(`[${node.diffStatus}]`);
    if (states.length) parts.push(states.join(' '));
    if (typeof node.childrenOmitted === 'number') parts.push(`(${node.childrenOmitted} children not shown)`);
    lines.push(parts.join(' '));
    if (node.children) renderTree(node.children, indent + 1, lines);
  }
  return lines;
}
