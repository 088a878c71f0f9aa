import type { AriaNode } from '@claude-scope/contracts';
import { isSecretField as isSecretLabel, MASK, maskSecretText } from '@claude-scope/secrets';
import { cloneTree, VALUE_ROLES, walk } from './tree.js';

/**
 * Copy of a tree with secrets replaced by MASK: the whole value of password-like fields, and
 * secret-looking substrings in every string (names, texts, values, urls, previous values).
 */
export function maskSecrets(tree: readonly AriaNode[]): AriaNode[] {
  const copy = cloneTree(tree);
  walk(copy, (node, parent) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && key !== 'role' && key !== 'diffStatus') node[key] = maskSecretText(value);
    }
    const previous = node.previous;
    if (previous && typeof previous === 'object') {
      for (const [key, value] of Object.entries(previous)) if (typeof value === 'string') (previous as Record<string, unknown>)[key] = maskSecretText(value);
    }
    if (isSecretField(node, parent)) {
      if (node.value) node.value = MASK;
      if (previous && typeof previous === 'object' && (previous as Record<string, unknown>).value) (previous as Record<string, unknown>).value = MASK;
    }
  });
  return copy;
}

// Playwright writes an <input type=password> as a plain `textbox "Password": <typed value>`: the type is not in
// the snapshot, so secret fields are recognised by their label, by the one rule every lane uses.
function isSecretField(node: AriaNode, parent: AriaNode | null): boolean {
  if (!VALUE_ROLES.has(node.role)) return false;
  const labels = [node.name, node.placeholder];
  // An unlabelled field is described by the text just before it (`- text: Password`).
  if (!node.name && parent?.children) {
    const before = parent.children[parent.children.indexOf(node) - 1];
    if (before?.role === 'text') labels.push(before.name);
  }
  return labels.some((l) => typeof l === 'string' && isSecretLabel(l));
}
