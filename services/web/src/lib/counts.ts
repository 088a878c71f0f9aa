import type { AriaNode } from '@claude-scope/contracts';

export interface ElementCounts {
  buttons: number;
  inputs: number;
  links: number;
  headings: number;
}

// Same roles as packages/aria's elementCounts (that package pulls in a YAML parser; this is all we need).
const INPUT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'slider', 'spinbutton', 'switch']);

/** Elements present in a frame; removed nodes are history, not on the page. */
export function elementCounts(tree: readonly AriaNode[]): ElementCounts {
  const counts: ElementCounts = { buttons: 0, inputs: 0, links: 0, headings: 0 };
  const visit = (nodes: readonly AriaNode[]) => {
    for (const node of nodes) {
      if (node.diffStatus === 'removed') continue;
      if (node.role === 'button') counts.buttons++;
      else if (node.role === 'link') counts.links++;
      else if (node.role === 'heading') counts.headings++;
      else if (INPUT_ROLES.has(node.role)) counts.inputs++;
      if (node.children) visit(node.children);
    }
  };
  visit(tree);
  return counts;
}
