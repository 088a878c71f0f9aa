/**
 * Compact text rendering of ARIA trees: one `role "name" [states]` line per node, indented, with a diff marker
 * column (+ added, ~ changed, - removed, blank otherwise). Page strings are redacted and made single-line here;
 * format-specific escaping happens later, when a format wraps the lines in its untrusted block.
 */
import type { AriaNode } from '@claude-scope/contracts';
import { isSecretField } from '@claude-scope/secrets';
import { REDACTED, redactSecrets } from './redact.js';
import { oneLine } from './text.js';

export type Marker = '+' | '~' | '-' | ' ';
export type TreeFilter = 'interactive' | 'all';

// What an agent can act on…
const INTERACTIVE = new Set([
  'button', 'link', 'textbox', 'searchbox', 'checkbox', 'radio', 'combobox', 'listbox', 'option', 'menuitem',
  'menuitemcheckbox', 'menuitemradio', 'switch', 'slider', 'spinbutton', 'tab', 'treeitem',
]);
// …what tells it something went wrong or opened on top…
const ALWAYS = new Set(['dialog', 'alertdialog', 'alert', 'status']);
// …and landmarks that only matter as context around those.
const CONTAINERS = new Set([
  'form', 'navigation', 'main', 'banner', 'contentinfo', 'complementary', 'region', 'search', 'menu', 'menubar',
  'tablist', 'tabpanel', 'toolbar', 'grid', 'table', 'tree', 'radiogroup',
]);

const MAX_DEPTH = 64; // pathological trees: stop descending rather than overflow the stack
const NAME_MAX = 120;
const VALUE_MAX = 80;

interface Pruned {
  node: AriaNode;
  children: Pruned[];
}

function childrenOf(node: AriaNode): AriaNode[] {
  return Array.isArray(node.children) ? node.children.filter((c): c is AriaNode => !!c && typeof c === 'object') : [];
}

/**
 * Memo for one model build: a step's tree is pruned and rendered several times (signature, snapshot, diff, raw
 * diff) and names repeat across steps. Scoped to one build, never module-wide, so a caller that mutates its input
 * between two renders can never get a stale rendering back.
 */
export interface TreeCache {
  pruned: WeakMap<AriaNode[], Partial<Record<TreeFilter, Pruned[]>>>;
  text: WeakMap<AriaNode, string>;
  clean: Map<string, string>;
}

export function createTreeCache(): TreeCache {
  return { pruned: new WeakMap(), text: new WeakMap(), clean: new Map() };
}

function pruned(nodes: AriaNode[], filter: TreeFilter, cache: TreeCache): Pruned[] {
  let entry = cache.pruned.get(nodes);
  if (!entry) cache.pruned.set(nodes, (entry = {}));
  return (entry[filter] ??= prune(nodes, filter));
}

/** Keeps the nodes the filter wants; children of dropped nodes are lifted to the nearest kept ancestor. */
function prune(nodes: AriaNode[], filter: TreeFilter, depth = 0): Pruned[] {
  if (depth > MAX_DEPTH) return [];
  return nodes.flatMap((node) => {
    const children = prune(childrenOf(node), filter, depth + 1);
    const role = String(node.role ?? '');
    const keep =
      filter === 'all' || INTERACTIVE.has(role) || ALWAYS.has(role) || (CONTAINERS.has(role) && children.length > 0);
    return keep ? [{ node, children }] : children;
  });
}

function markerOf(node: AriaNode): Marker {
  switch (node.diffStatus) {
    case 'added':
      return '+';
    case 'changed':
      return '~';
    case 'removed':
      return '-';
    default:
      return ' ';
  }
}

function clean(text: string, max: number, cache: TreeCache): string {
  const key = `${max}\u0000${text}`;
  let out = cache.clean.get(key);
  if (out === undefined) {
    out = oneLine(redactSecrets(text), max);
    cache.clean.set(key, out);
  }
  return out;
}
const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** `role "name" [state, key=value]` with states sorted, so key order upstream never changes the output. */
export function nodeText(node: AriaNode, cache: TreeCache = createTreeCache()): string {
  let text = cache.text.get(node);
  if (text === undefined) {
    text = computeNodeText(node, cache);
    cache.text.set(node, text);
  }
  return text;
}

function computeNodeText(node: AriaNode, cache: TreeCache): string {
  const clean_ = (text: string, max: number) => clean(text, max, cache);
  const role = clean_(String(node.role ?? ''), 40) || 'node';
  const name = clean_(typeof node.name === 'string' ? node.name : '', NAME_MAX);
  const secretField = isSecretField(name);
  const states: string[] = [];
  for (const key of Object.keys(node).sort()) {
    if (key === 'role' || key === 'name' || key === 'children' || key === 'diffStatus') continue;
    const value = node[key];
    const k = clean_(key, 30);
    if (value === true) states.push(k);
    else if (value === false) states.push(`${k}=false`);
    else if (typeof value === 'number' && Number.isFinite(value)) states.push(`${k}=${value}`);
    else if (typeof value === 'string') {
      const secret = secretField && value !== '' && (key === 'value' || key === 'valuetext');
      states.push(`${k}=${quote(secret ? REDACTED : clean_(value, VALUE_MAX))}`);
    }
  }
  return `${role}${name ? ` ${quote(name)}` : ''}${states.length ? ` [${states.join(', ')}]` : ''}`;
}

function countDescendants(p: Pruned): number {
  return p.children.reduce((n, c) => n + 1 + countDescendants(c), 0);
}

function hasMark(p: Pruned): boolean {
  return markerOf(p.node) !== ' ' || p.children.some(hasMark);
}

export interface RenderTreeOptions {
  filter: TreeFilter;
  /** snapshot: every kept node; diff: only marked nodes and the ancestors that locate them. */
  mode: 'snapshot' | 'diff';
  /** Show a removed subtree as its root line plus a count (the agent does not need what is gone, node by node). */
  collapseRemoved: boolean;
}

export function renderTree(nodes: AriaNode[], options: RenderTreeOptions, cache: TreeCache = createTreeCache()): string[] {
  const lines: string[] = [];
  const emit = (list: Pruned[], depth: number) => {
    for (const p of list) {
      if (options.mode === 'diff' && !hasMark(p)) continue;
      const marker = markerOf(p.node);
      let text = nodeText(p.node, cache);
      const collapse = marker === '-' && options.collapseRemoved && p.children.length > 0;
      if (collapse) text += ` (with ${countDescendants(p)} more inside)`;
      lines.push(`${marker} ${'  '.repeat(depth)}${text}`);
      if (!collapse) emit(p.children, depth + 1);
    }
  };
  emit(pruned(nodes, options.filter, cache), 0);
  return lines;
}

/**
 * Identity of a UI state: URL plus the interactive elements present, by role and name. States and values are left
 * out on purpose: typing into a field or ticking a box is a change within a state (shown as a diff), not a new
 * state whose whole element list is worth repeating.
 */
export function stateSignature(url: string, nodes: AriaNode[], cache: TreeCache = createTreeCache()): string {
  // Only ever a map key, never printed: raw role and name are enough (and skip the redaction cost).
  const lines: string[] = [];
  const emit = (list: Pruned[], depth: number) => {
    for (const p of list) {
      if (p.node.diffStatus === 'removed') continue;
      lines.push(`${depth}\u0000${String(p.node.role)}\u0000${String(p.node.name)}`);
      emit(p.children, depth + 1);
    }
  };
  emit(pruned(nodes, 'interactive', cache), 0);
  return `${url}\n${lines.join('\n')}`;
}

/** Caps a rendered tree, saying how much was left out, so one enormous page cannot eat the whole budget. */
export function capLines(lines: string[], max: number, noun = 'element'): string[] {
  if (lines.length <= max) return lines;
  const rest = lines.length - max;
  return [...lines.slice(0, max), `  … ${rest} more ${rest === 1 ? noun : `${noun}s`} not shown`];
}
