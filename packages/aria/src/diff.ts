import type { AriaNode, DiffSummary } from '@claude-scope/contracts';
import { comparableStates, effectiveChildren, type Item } from './identity.js';
import { countMarks, markDeep } from './marks.js';
import { matchSiblings, type MatchOptions } from './match.js';
import { cloneTree, isWrapper } from './tree.js';

/**
 * Marks `next` against `prev` (see API.md, Frame.ariaTree): nodes are matched by role + name path
 * through wrappers, never by ref; removed nodes are kept, placed after their nearest surviving
 * predecessor. Changed nodes get `previous`: the former values of the states that differ, and the
 * former name of a node renamed in place (a counter, a label that changed).
 * Neither input is modified. `prev` may be an earlier marked tree: its removed nodes are ignored.
 * `acrossPages`: the trees are of two different pages (a navigation), where nothing is renamed (see MatchOptions).
 */
export function diffTrees(prev: readonly AriaNode[] | null, next: readonly AriaNode[], opts: MatchOptions = {}): { tree: AriaNode[]; summary: DiffSummary } {
  const tree = cloneTree(next ?? []);
  for (const root of tree) unmark(root);
  if (prev) {
    const prevRoot: AriaNode = { role: 'fragment', name: '', children: cloneTree(prev, (n) => n.diffStatus !== 'removed') };
    const nextRoot: AriaNode = { role: 'fragment', name: '', children: tree };
    diffPair(prevRoot, nextRoot, opts);
    tree.forEach(childrenLast);
  }
  return { tree, summary: countMarks(tree) };
}

function unmark(node: AriaNode): void {
  delete node.diffStatus;
  delete node.previous;
  node.children?.forEach(unmark);
}

// Marks are added after children; putting children back last keeps serialized nodes readable.
function childrenLast(node: AriaNode): void {
  if (!node.children) return;
  const children = node.children;
  delete node.children;
  node.children = children;
  children.forEach(childrenLast);
}

function diffPair(prev: AriaNode, next: AriaNode, opts: MatchOptions): void {
  const prevItems = effectiveChildren(prev);
  const nextItems = effectiveChildren(next);
  const match = matchSiblings(
    prevItems.map((i) => i.node),
    nextItems.map((i) => i.node),
    opts,
  );
  const counterpart = new Map<AriaNode, Item>();
  nextItems.forEach((item, n) => {
    const p = match[n];
    if (p === undefined) return markDeep(item.node, 'added');
    counterpart.set(prevItems[p]!.node, item);
    compareStates(prevItems[p]!.node, item.node);
    diffPair(prevItems[p]!.node, item.node, opts);
  });
  markAddedWrappers(next);
  insertRemoved(prev, next, counterpart);
}

function compareStates(prev: AriaNode, next: AriaNode): void {
  const before = new Map(comparableStates(prev));
  const after = new Map(comparableStates(next));
  const previous: Record<string, unknown> = {};
  // Set only for nodes paired across a rename (see rename.ts): identity pairs share their name.
  if (prev.name !== next.name) previous.name = prev.name;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [a, b] = [before.get(key), after.get(key)];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    // Absent states mean false / empty; say so rather than leave the key undefined.
    previous[key] = a !== undefined ? a : typeof b === 'boolean' ? false : typeof b === 'string' ? '' : null;
  }
  if (Object.keys(previous).length) {
    next.diffStatus = 'changed';
    next.previous = previous;
  }
}

/** A wrapper whose every child is new is new itself, so the added subtree has one top. */
function markAddedWrappers(node: AriaNode): void {
  for (const child of node.children ?? []) {
    if (!isWrapper(child) || child.diffStatus) continue;
    markAddedWrappers(child);
    if (child.children?.length && child.children.every((c) => c.diffStatus === 'added')) child.diffStatus = 'added';
  }
}

/**
 * Puts unmatched prev subtrees back into next as `removed`, right after the next-side counterpart
 * of their nearest matched predecessor, or first when there is none. A prev wrapper whose whole
 * content went is kept whole.
 */
function insertRemoved(prev: AriaNode, next: AriaNode, counterpart: Map<AriaNode, Item>): void {
  let anchor: Item | undefined;
  let leading = 0;
  const place = (unit: AriaNode) => {
    markDeep(unit, 'removed');
    if (!anchor) {
      (next.children ??= []).splice(leading++, 0, unit);
      return;
    }
    const siblings = anchor.container.children!;
    siblings.splice(siblings.indexOf(anchor.node) + 1, 0, unit);
    anchor = { node: unit, container: anchor.container };
  };
  const visit = (container: AriaNode) => {
    for (const child of container.children ?? []) {
      const found = counterpart.get(child);
      if (found) anchor = found;
      else if (!isWrapper(child)) place(child);
      else if (hasMatch(child, counterpart)) visit(child);
      else if (effectiveChildren(child).length) place(child);
    }
  };
  visit(prev);
}

function hasMatch(wrapper: AriaNode, counterpart: Map<AriaNode, Item>): boolean {
  return effectiveChildren(wrapper).some((i) => counterpart.has(i.node));
}
