import type { AriaNode } from '@claude-scope/contracts';
import { isWrapper, stateKeys } from './tree.js';

// Identity and similarity of nodes for the diff. Both look through wrappers, so a focus
// wrapper appearing around a subtree changes neither.

/** A node reached from its parent through zero or more wrappers, with its actual parent. */
export interface Item {
  node: AriaNode;
  container: AriaNode;
}

export function effectiveChildren(node: AriaNode, out: Item[] = []): Item[] {
  for (const child of node.children ?? []) {
    if (isWrapper(child)) effectiveChildren(child, out);
    else out.push({ node: child, container: node });
  }
  return out;
}

export function identityKey(node: AriaNode): string {
  return `${node.role}\u0000${node.name}`;
}

/** States that do not count as a change: focus moves with every interaction. */
export const IGNORED_STATES: ReadonlySet<string> = new Set(['active']);

export function comparableStates(node: AriaNode): [string, unknown][] {
  return stateKeys(node)
    .filter((k) => !IGNORED_STATES.has(k))
    .sort()
    .map((k) => [k, node[k]]);
}

const fingerprints = new WeakMap<AriaNode, string>();

/** Hash of a whole subtree (identity, states, effective children): equal means unchanged. */
export function fingerprint(node: AriaNode): string {
  let fp = fingerprints.get(node);
  if (fp === undefined) {
    const kids = effectiveChildren(node).map((i) => fingerprint(i.node));
    fp = hash(JSON.stringify([node.role, node.name, comparableStates(node), kids]));
    fingerprints.set(node, fp);
  }
  return fp;
}

const contents = new WeakMap<AriaNode, Set<string>>();

/** What a subtree shows (own text/value, descendants' identities and texts), for similarity. */
export function contentKeys(node: AriaNode): Set<string> {
  let keys = contents.get(node);
  if (!keys) {
    keys = new Set<string>();
    if (typeof node.text === 'string') keys.add(`text:${node.text}`);
    if (typeof node.value === 'string') keys.add(`value:${node.value}`);
    for (const { node: child } of effectiveChildren(node)) {
      keys.add(`${identityKey(child)}\u0000${typeof child.text === 'string' ? child.text : ''}`);
      for (const k of contentKeys(child)) keys.add(k);
    }
    contents.set(node, keys);
  }
  return keys;
}

// cyrb53: a fast non-cryptographic 53-bit string hash.
function hash(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
