/**
 * Ground truth of what each step changed in the page's accessibility tree (issue 19, fidelity). Taken from
 * Playwright's `ariaSnapshotJSON({ mode: 'ai' })` while recording: its `ref`s follow DOM elements within one
 * document, so "the same element" is known from the page itself, not guessed by the diff under test.
 */

/** One node of `ariaSnapshotJSON({ mode: 'ai' })` (the fields read here). */
export interface AiNode {
  role: string;
  name?: string;
  text?: string;
  ref?: string;
  children?: AiNode[];
  [state: string]: unknown;
}

/** The page's tree when a frame changed, with its document (refs restart in a new document). */
export interface AriaCapture {
  t: number;
  docId: string;
  tree: AiNode[];
}

/** A named node of a step's change: role and accessible name (or its text when it has no name). */
export interface NamedNode {
  role: string;
  name: string;
}
export interface ChangedNode extends NamedNode {
  /** The properties that differ (name, text, checked, expanded, …), before and after. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}
export interface AriaChanges {
  added: NamedNode[];
  changed: ChangedNode[];
  removed: NamedNode[];
}

// Containers without identity (Playwright's default snapshot, which the lane reads, leaves them out) and text runs.
const SKIPPED_ROLES: ReadonlySet<string> = new Set(['generic', 'none', 'presentation', 'text']);
// Bookkeeping of the snapshot, not state of the element.
const NOT_STATE: ReadonlySet<string> = new Set(['role', 'name', 'ref', 'children', 'cursor', 'box', 'active', 'url']);

interface Flat {
  node: AiNode;
  ref: string;
  /** The nearest kept ancestor's ref ('' at the top). */
  parent: string;
  /** Role + label of the kept ancestors, top down: identity across documents. */
  path: string;
}

interface Flat {
  node: AiNode;
  ref: string;
  /** The nearest kept ancestor's ref ('' at the top). */
  parent: string;
  /** Role + label of the kept ancestors, top down: identity across documents. */
  path: string;
  /** Its own text, else the text of the skipped containers inside it (a toast's message in a `div`). */
  text: string;
  /** Refs of every element inside it (wrappers included): what stays when an element is renamed. */
  inner: Set<string>;
}

const label = (f: Flat) => (f.node.name || f.text).trim();

/** Text of `node`'s skipped descendants, stopping at kept nodes (they have their own). */
function wrappedText(nodes: readonly AiNode[]): string {
  const parts: string[] = [];
  for (const n of nodes) {
    if (!SKIPPED_ROLES.has(n.role)) continue;
    if (typeof n.text === 'string') parts.push(n.text);
    parts.push(wrappedText(n.children ?? []));
  }
  return parts.filter(Boolean).join(' ');
}

function innerRefs(nodes: readonly AiNode[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.ref) into.add(n.ref);
    innerRefs(n.children ?? [], into);
  }
  return into;
}

/**
 * Whether `next` can be `prev` renamed: Playwright gives a renamed element a new ref, and so it does an element
 * shown in place of another (a tab's panel); the renamed one keeps what is inside it, the other does not. An
 * element that was or becomes empty (a toast container; Playwright gives an empty one no ref) continues.
 */
function continues(prev: Flat, next: Flat): boolean {
  if (!prev.inner.size || !next.inner.size) return true;
  for (const r of next.inner) if (prev.inner.has(r)) return true;
  return false;
}

function flatten(tree: readonly AiNode[]): Flat[] {
  const out: Flat[] = [];
  const visit = (nodes: readonly AiNode[], parent: string, path: string) => {
    for (const node of nodes) {
      if (SKIPPED_ROLES.has(node.role)) {
        visit(node.children ?? [], parent, path);
        continue;
      }
      const ref = node.ref ?? `${parent}/${node.role}`;
      const text = typeof node.text === 'string' ? node.text : wrappedText(node.children ?? []);
      const f: Flat = { node, ref, parent, path: '', text, inner: innerRefs(node.children ?? []) };
      f.path = `${path}>${node.role}:${label(f)}`;
      out.push(f);
      visit(node.children ?? [], ref, f.path);
    }
  };
  visit(tree, '', '');
  return out;
}

function states(n: AiNode): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) if (!NOT_STATE.has(k) && v !== undefined && typeof v !== 'object') s[k] = v;
  return s;
}

/** The properties of `a` and `b` that differ (name and text included), as before/after; null when none do. */
function difference(a: Flat, b: Flat): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const sa: Record<string, unknown> = { ...states(a.node), name: a.node.name ?? '', text: a.text };
  const sb: Record<string, unknown> = { ...states(b.node), name: b.node.name ?? '', text: b.text };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(sa), ...Object.keys(sb)])) {
    if (sa[k] === sb[k]) continue;
    before[k] = sa[k] ?? null;
    after[k] = sb[k] ?? null;
  }
  return Object.keys(before).length ? { before, after } : null;
}

const named = (f: Flat): NamedNode | null => {
  const name = label(f);
  return name ? { role: f.node.role, name } : null;
};

/**
 * What changed from `before` to `after`, as named nodes (a node with neither name nor text is not listed).
 * In one document an element keeps its ref, so a counter or a field's text changing is `changed`; Playwright
 * gives an element a new ref when its name changes, so an unmatched pair with the same role under the same
 * parent is one renamed node. Across documents (a navigation) nodes are the same when their role + label path
 * is (never renamed), and `changed` when a state differs (a menu button no longer expanded).
 */
export function ariaChanges(before: AriaCapture, after: AriaCapture): AriaChanges {
  const [prev, next] = [flatten(before.tree), flatten(after.tree)];
  const sameDoc = before.docId === after.docId;
  const out: AriaChanges = { added: [], changed: [], removed: [] };
  const pool = new Map<string, Flat[]>();
  const keyOf = (f: Flat) => (sameDoc ? f.ref : f.path);
  for (const f of prev) pool.set(keyOf(f), [...(pool.get(keyOf(f)) ?? []), f]);
  const changed = (p: Flat, f: Flat) => {
    const d = difference(p, f);
    const n = named(f) ?? named(p);
    if (d && n) out.changed.push({ ...n, ...d });
  };
  const unmatched: Flat[] = [];
  const pairs = new Map<Flat, Flat>();
  for (const f of next) {
    const p = pool.get(keyOf(f))?.shift();
    if (p) pairs.set(f, p);
    else unmatched.push(f);
  }
  const removed = new Set([...pool.values()].flat());
  // Unmatched nodes of one document, top down (a renamed region's children still find their parent): first an
  // element the page re-rendered with the same role and label under the same parent is the node the user saw
  // stay (a list rebuilt with one item more); then the first old node of the same role there that `continues`
  // into it was renamed in place.
  const oldRef = new Map<string, string>([...pairs].map(([f, p]) => [f.ref, p.ref]));
  const pair = (f: Flat, rename: boolean): boolean => {
    if (!sameDoc) return false;
    const parent = oldRef.get(f.parent) ?? f.parent;
    const here = [...removed].filter((x) => x.node.role === f.node.role && x.parent === parent);
    const r = here.find((x) => label(x) === label(f)) ?? (rename ? here.find((x) => continues(x, f)) : undefined);
    if (!r) return false;
    removed.delete(r);
    oldRef.set(f.ref, r.ref);
    pairs.set(f, r);
    return true;
  };
  const added = unmatched.filter((f) => !pair(f, false)).filter((f) => !pair(f, true));
  for (const f of next) {
    const p = pairs.get(f);
    if (p) changed(p, f);
  }
  for (const f of added) {
    const n = named(f);
    if (n) out.added.push(n);
  }
  for (const f of prev) {
    const n = removed.has(f) ? named(f) : null;
    if (n) out.removed.push(n);
  }
  return out;
}

/** The capture showing the page at `t`: the latest taken at or before it. */
export function captureAt(captures: readonly AriaCapture[], t: number): AriaCapture | undefined {
  let found: AriaCapture | undefined;
  for (const c of captures) if (c.t <= t) found = c;
  return found;
}
