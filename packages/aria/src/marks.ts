import type { AriaNode, DiffStatus, DiffSummary } from '@claude-scope/contracts';
import { walk } from './tree.js';

/** Counts the marks in a tree; the diff summary is always computed from this. */
export function countMarks(tree: readonly AriaNode[]): DiffSummary {
  const summary: DiffSummary = { added: 0, changed: 0, removed: 0 };
  walk(tree, (node) => {
    if (node.diffStatus === 'added' || node.diffStatus === 'changed' || node.diffStatus === 'removed') summary[node.diffStatus]++;
  });
  return summary;
}

/** Marks a node and all its descendants (added/removed subtrees carry one mark throughout). */
export function markDeep(node: AriaNode, status: DiffStatus): void {
  walk([node], (n) => {
    n.diffStatus = status;
    delete n.previous;
  });
}
