import type { AriaNode } from '@claude-scope/contracts';
import { walk } from './tree.js';

export interface ElementCounts {
  buttons: number;
  inputs: number;
  links: number;
  headings: number;
  interactive: number;
}

const INPUT_ROLES: ReadonlySet<string> = new Set(['textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'slider', 'spinbutton', 'switch']);

/** Roles a user can focus or act on. */
const INTERACTIVE_ROLES: ReadonlySet<string> = new Set([
  ...INPUT_ROLES,
  'button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem',
]);

/** Counts elements present in the frame; removed nodes are history, not on the page. */
export function elementCounts(tree: readonly AriaNode[]): ElementCounts {
  const counts: ElementCounts = { buttons: 0, inputs: 0, links: 0, headings: 0, interactive: 0 };
  walk(tree, (node) => {
    if (node.diffStatus === 'removed') return false;
    if (node.role === 'button') counts.buttons++;
    if (node.role === 'link') counts.links++;
    if (node.role === 'heading') counts.headings++;
    if (INPUT_ROLES.has(node.role)) counts.inputs++;
    if (INTERACTIVE_ROLES.has(node.role)) counts.interactive++;
    return true;
  });
  return counts;
}
