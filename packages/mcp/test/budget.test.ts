import { describe, expect, it } from 'vitest';
import type { AriaNode } from '@claude-scope/contracts';
import { cutDepth, fitTree, pruneToMarked, renderTree, size, treeDepth, truncateText } from '../src/budget.js';

const tree: AriaNode[] = [
  {
    role: 'main',
    name: '',
    children: [
      { role: 'heading', name: 'Cart', level: 1 },
      { role: 'list', name: 'Items', children: [{ role: 'listitem', name: 'Milk', diffStatus: 'added' }, { role: 'listitem', name: 'Bread' }] },
      { role: 'button', name: 'Pay', disabled: true, diffStatus: 'changed', previous: { disabled: false } },
    ],
  },
];

describe('budget', () => {
  it('cuts a tree at a depth, saying how many children each cut node hid', () => {
    expect(treeDepth(tree)).toBe(3);
    expect(cutDepth(tree, 1)).toEqual([{ role: 'main', name: '', childrenOmitted: 3 }]);
    expect(cutDepth(tree, 2)[0]!.children![1]).toEqual({ role: 'list', name: 'Items', childrenOmitted: 2 });
    expect(cutDepth(tree, 3)).toEqual(tree);
  });

  it('fits the deepest cut under the size, else the first top-level nodes', () => {
    expect(fitTree(tree, 10, 10_000)).toMatchObject({ depth: 3, truncated: false, omittedTopNodes: 0 });
    const two = fitTree(tree, 10, size(cutDepth(tree, 2)));
    expect(two).toMatchObject({ depth: 2, truncated: true });
    const wide: AriaNode[] = Array.from({ length: 100 }, (_, i) => ({ role: 'link', name: `Link ${i}` }));
    const fitted = fitTree(wide, 5, 500);
    expect(size(fitted.tree)).toBeLessThanOrEqual(500);
    expect(fitted.omittedTopNodes).toBe(100 - fitted.tree.length);
    expect(fitted.tree.length).toBeGreaterThan(0);
  });

  it('keeps only marked nodes and the ancestors that locate them', () => {
    expect(pruneToMarked(tree)).toEqual([
      {
        role: 'main',
        name: '',
        children: [
          { role: 'list', name: 'Items', children: [{ role: 'listitem', name: 'Milk', diffStatus: 'added' }] },
          { role: 'button', name: 'Pay', disabled: true, diffStatus: 'changed', previous: { disabled: false } },
        ],
      },
    ]);
    expect(pruneToMarked([{ role: 'main', name: '' }])).toEqual([]);
  });

  it('renders one indented line per node with its mark and states', () => {
    expect(renderTree(cutDepth(tree, 2))).toEqual([
      '- main',
      '  - heading "Cart" level=1',
      '  - list "Items" (2 children not shown)',
      '  - button "Pay" [changed] disabled=true',
    ]);
    expect(truncateText('abcdef', 4)).toEqual({ text: 'abc…', truncated: true });
    expect(truncateText('abc', 4)).toEqual({ text: 'abc', truncated: false });
  });
});
