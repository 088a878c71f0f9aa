import type { AriaNode } from '@claude-scope/contracts';

/** Keys that carry structure or diff bookkeeping rather than the state of the element. */
export const STRUCTURAL_KEYS: ReadonlySet<string> = new Set(['role', 'name', 'children', 'diffStatus', 'previous']);

/** Roles whose inline text in a snapshot is the control's current value, not its content. */
export const VALUE_ROLES: ReadonlySet<string> = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'slider']);

// Unnamed containers that pages add and drop around focus/hover (and that `mode: 'ai'` renders
// as `generic`): they carry no identity of their own, so matching looks through them.
const WRAPPER_ROLES: ReadonlySet<string> = new Set(['generic', 'none', 'presentation', 'group']);

export function isWrapper(node: AriaNode): boolean {
  return WRAPPER_ROLES.has(node.role) && !node.name && node.text === undefined && node.value === undefined;
}

/** The state-like keys of a node (checked, disabled, value, text, url, …). */
export function stateKeys(node: AriaNode): string[] {
  return Object.keys(node).filter((k) => !STRUCTURAL_KEYS.has(k) && node[k] !== undefined);
}

/** One line label for sentences: `button "Pay now"`, `listitem "Buy milk"`, `list`. */
export function label(node: AriaNode, withText = true): string {
  const shown = node.name || (withText && typeof node.text === 'string' ? node.text : '');
  return shown ? `${node.role} "${truncate(shown)}"` : node.role;
}

export function truncate(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Depth-first, parents before children; `visit` returning false skips the subtree. */
export function walk(nodes: readonly AriaNode[], visit: (node: AriaNode, parent: AriaNode | null) => boolean | void, parent: AriaNode | null = null): void {
  for (const node of nodes) {
    if (visit(node, parent) === false) continue;
    if (node.children) walk(node.children, visit, node);
  }
}

/** Deep copy of plain JSON-like trees; `keep` filters nodes (with their subtrees). */
export function cloneTree(nodes: readonly AriaNode[], keep: (n: AriaNode) => boolean = () => true): AriaNode[] {
  const out: AriaNode[] = [];
  for (const node of nodes) {
    if (!keep(node)) continue;
    const copy: AriaNode = { ...node };
    for (const [k, v] of Object.entries(copy)) if (v && typeof v === 'object' && k !== 'children') copy[k] = structuredClone(v);
    if (node.children) copy.children = cloneTree(node.children, keep);
    out.push(copy);
  }
  return out;
}
