import type { AriaNode } from '@claude-scope/contracts';
import { fingerprint, identityKey, similarity } from './identity.js';

// Above this many candidate pairs in one group, similarity pairing is skipped (it is quadratic).
const MAX_SIMILARITY_PAIRS = 10_000;

/**
 * Pairs sibling nodes of two frames by identity (role + name), ignoring order. Within a group of
 * same-identity siblings: identical subtrees first, then the most similar content (an unnamed
 * listitem that kept its checkbox), then the rest in order. Returns prev index per next index.
 */
export function matchSiblings(prev: readonly AriaNode[], next: readonly AriaNode[]): (number | undefined)[] {
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
    let rest = nextIdx.filter((n) => result[n] === undefined);
    if (rest.length * free.size <= MAX_SIMILARITY_PAIRS) {
      for (const n of rest) {
        let best: number | undefined;
        let bestScore = 0;
        for (const p of free) {
          const score = similarity(prev[p]!, next[n]!);
          if (score > bestScore) [best, bestScore] = [p, score];
        }
        if (best !== undefined) pair(n, best);
      }
      rest = rest.filter((n) => result[n] === undefined);
    }
    for (const n of rest) {
      const p = free.values().next();
      if (p.done) break;
      pair(n, p.value);
    }
  }
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
