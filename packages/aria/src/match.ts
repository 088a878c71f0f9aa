import type { AriaNode } from '@claude-scope/contracts';
import { contentKeys, fingerprint, identityKey } from './identity.js';
import { pairRenamed } from './rename.js';

export interface MatchOptions {
  /**
   * The frames show two different pages: an element there is another element, so a node whose name or text
   * differs is never paired with one here (no renames, no unnamed leaf whose text changed in place); what is
   * the same (role, name, content) still pairs.
   */
  acrossPages?: boolean;
}

/**
 * Pairs sibling nodes of two frames by identity (role + name), ignoring order. Within a group of
 * same-identity siblings: identical subtrees first, then the most similar content (an unnamed
 * listitem that kept its checkbox), then what is left in order; last, a named node whose name changed
 * in place (see rename.ts). Returns prev index per next index.
 */
export function matchSiblings(prev: readonly AriaNode[], next: readonly AriaNode[], opts: MatchOptions = {}): (number | undefined)[] {
  const inPlace = (p: AriaNode, n: AriaNode) => !opts.acrossPages || !!p.children || !!n.children || p.text === n.text;
  const result: (number | undefined)[] = new Array(next.length).fill(undefined);
  const prevGroups = groupBy(prev);
  for (const [key, nextIdx] of groupBy(next)) {
    const prevIdx = prevGroups.get(key);
    if (!prevIdx) continue;
    const free = new Set(prevIdx);
    const pair = (n: number, p: number) => {
      result[n] = p;
      free.delete(p);
    };
    const byFingerprint = new Map<string, number[]>();
    for (const p of prevIdx) {
      const fp = fingerprint(prev[p]!);
      const same = byFingerprint.get(fp);
      if (same) same.push(p);
      else byFingerprint.set(fp, [p]);
    }
    for (const n of nextIdx) {
      const p = byFingerprint.get(fingerprint(next[n]!))?.shift();
      if (p !== undefined) pair(n, p);
    }
    // One of a kind on each side (the usual `main`, `form "Sign in"`): nothing to choose between.
    if (prevIdx.length === 1 && nextIdx.length === 1) {
      if (result[nextIdx[0]!] === undefined && inPlace(prev[prevIdx[0]!]!, next[nextIdx[0]!]!)) pair(nextIdx[0]!, prevIdx[0]!);
      continue;
    }
    let rest = nextIdx.filter((n) => result[n] === undefined);
    if (rest.length && free.size) {
      pairBySimilarity(rest, [...free], prevIdx, prev, next, pair);
      rest = rest.filter((n) => result[n] === undefined);
    }
    // Named duplicates pair in order. Unnamed nodes with nothing in common are different things,
    // except one-for-one leaves: a status or listitem whose text changed in place.
    const named = next[nextIdx[0]!]!.name !== '';
    const leaves = rest.every((n) => !next[n]!.children) && [...free].every((p) => !prev[p]!.children);
    if (!named && !(leaves && rest.length === free.size && !opts.acrossPages)) continue;
    for (const n of rest) {
      const p = free.values().next();
      if (p.done) break;
      pair(n, p.value);
    }
  }
  if (!opts.acrossPages) pairRenamed(prev, next, result);
  return result;
}

function groupBy(nodes: readonly AriaNode[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const [i, node] of nodes.entries()) {
    const key = identityKey(node);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return groups;
}

/**
 * Greedy, in next order: each node takes the free prev node sharing the most distinctive content.
 * An inverted index keeps this near-linear for long lists of unnamed rows.
 */
function pairBySimilarity(
  rest: number[],
  free: number[],
  group: number[],
  prev: readonly AriaNode[],
  next: readonly AriaNode[],
  pair: (n: number, p: number) => void,
): void {
  const index = new Map<string, number[]>();
  for (const p of free) {
    for (const key of contentKeys(prev[p]!)) {
      const list = index.get(key);
      if (list) list.push(p);
      else index.set(key, [p]);
    }
  }
  // Content most of the group has (a "Delete" button in every row) tells nothing apart. The index
  // holds the free nodes only, so commonness is counted over the whole group.
  const counts = new Map<string, number>();
  for (const p of group) for (const key of contentKeys(prev[p]!)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const common = (key: string) => counts.get(key)! > Math.max(2, group.length / 2);
  const taken = new Set<number>();
  for (const n of rest) {
    const scores = new Map<number, number>();
    for (const key of contentKeys(next[n]!)) {
      const list = index.get(key);
      if (!list || common(key)) continue;
      for (const p of list) if (!taken.has(p)) scores.set(p, (scores.get(p) ?? 0) + 1);
    }
    let best: number | undefined;
    let bestScore = 0;
    for (const [p, score] of scores) {
      if (score > bestScore || (score === bestScore && best !== undefined && p < best)) [best, bestScore] = [p, score];
    }
    if (best !== undefined) {
      taken.add(best);
      pair(n, best);
    }
  }
}
