import type { AriaNode } from '@claude-scope/contracts';
import { describe, expect, it } from 'vitest';
import { countMarks, diffTrees, parseAriaSnapshot } from '../src/index.js';
import { find, fixture } from './fixtures.js';

const yaml = (lines: string[]) => parseAriaSnapshot(lines.join('\n'));

/** diffTrees plus the invariants every result must hold. */
function diff(prev: AriaNode[] | null, next: AriaNode[]) {
  const before = JSON.stringify([prev, next]);
  const result = diffTrees(prev, next);
  expect(JSON.stringify([prev, next]), 'inputs are not modified').toBe(before);
  expect(result.summary).toEqual(countMarks(result.tree));
  const check = (node: AriaNode, inherited?: string) => {
    if (inherited) expect(node.diffStatus, `${node.role} "${node.name}" under a ${inherited} node`).toBe(inherited);
    const mark = node.diffStatus === 'added' || node.diffStatus === 'removed' ? node.diffStatus : undefined;
    node.children?.forEach((c) => check(c, mark));
  };
  result.tree.forEach((n) => check(n));
  return result;
}

/** `role "name" mark` per node, indented, to compare whole trees at a glance. */
function outline(tree: AriaNode[], depth = 0): string[] {
  return tree.flatMap((n) => [
    `${'  '.repeat(depth)}${n.role}${n.name ? ` "${n.name}"` : ''}${n.diffStatus ? ` ${n.diffStatus}` : ''}`,
    ...outline(n.children ?? [], depth + 1),
  ]);
}

describe('diffTrees', () => {
  it('leaves the first frame unmarked (and drops marks it was given)', () => {
    const next = yaml(['- button "Go"', '- list:', '  - listitem: a']);
    next[0]!.diffStatus = 'added';
    const { tree, summary } = diff(null, next);
    expect(JSON.stringify(tree)).not.toContain('diffStatus');
    expect(summary).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('marks nothing when nothing changed', () => {
    const { summary } = diff(fixture('form-default'), fixture('form-default'));
    expect(summary).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('does not count sibling reordering as a change, and keeps the new order', () => {
    const prev = yaml(['- navigation "Main":', '  - link "A"', '  - link "B"', '  - button "C"']);
    const next = yaml(['- navigation "Main":', '  - button "C"', '  - link "B"', '  - link "A"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(outline(tree)).toEqual(['navigation "Main"', '  button "C"', '  link "B"', '  link "A"']);
  });

  it('treats a rename as removed + added, the removed one kept next to where it was', () => {
    const prev = yaml(['- form "F":', '  - textbox "Email"', '  - button "Save"', '  - link "Help"']);
    const next = yaml(['- form "F":', '  - textbox "Email"', '  - button "Save draft"', '  - link "Help"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 1, changed: 0, removed: 1 });
    expect(outline(tree)).toEqual(['form "F"', '  textbox "Email"', '  button "Save" removed', '  button "Save draft" added', '  link "Help"']);
  });

  it('marks state, value and text changes as changed, with the previous values', () => {
    const prev = yaml(['- checkbox "Remember me"', '- button "Pay" [expanded]', '- textbox "Email": a@b.c', '- paragraph: Total 3', '- heading "T" [level=2]']);
    const next = yaml(['- checkbox "Remember me" [checked]', '- button "Pay" [disabled]', '- textbox "Email": x@y.z', '- paragraph: Total 4', '- heading "T" [level=3]']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 0, changed: 5, removed: 0 });
    expect(tree.map((n) => n.previous)).toEqual([
      { checked: false },
      { expanded: true, disabled: false },
      { value: 'a@b.c' },
      { text: 'Total 3' },
      { level: 2 },
    ]);
    expect(tree[0]).toMatchObject({ checked: true, diffStatus: 'changed' });
  });

  it('does not count focus ([active]) as a change', () => {
    const { summary } = diff(yaml(['- textbox "A" [active]', '- textbox "B"']), yaml(['- textbox "A"', '- textbox "B" [active]']));
    expect(summary).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('marks a nested insert and all its descendants as added, not its parent', () => {
    const prev = yaml(['- main:', '  - list "Todos":', '    - listitem:', '      - checkbox "A"']);
    const next = yaml(['- main:', '  - list "Todos":', '    - listitem:', '      - checkbox "A"', '    - listitem:', '      - checkbox "B"', '      - button "Delete B"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 3, changed: 0, removed: 0 });
    expect(outline(tree)).toEqual([
      'main',
      '  list "Todos"',
      '    listitem',
      '      checkbox "A"',
      '    listitem added',
      '      checkbox "B" added',
      '      button "Delete B" added',
    ]);
  });

  it('keeps removed subtrees in the tree, marked throughout, after their previous sibling', () => {
    const prev = yaml(['- main:', '  - heading "Cart"', '  - dialog "Confirm":', '    - button "OK"', '    - button "Cancel"', '  - button "Pay"']);
    const next = yaml(['- main:', '  - button "Pay"', '  - heading "Cart"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 0, changed: 0, removed: 3 });
    expect(outline(tree)).toEqual(['main', '  button "Pay"', '  heading "Cart"', '  dialog "Confirm" removed', '    button "OK" removed', '    button "Cancel" removed']);
  });

  it('puts removed nodes with no surviving predecessor first, and keeps removed roots', () => {
    const prev = yaml(['- alert: Saved', '- main:', '  - button "A"', '  - button "B"', '- contentinfo:', '  - link "About"']);
    const next = yaml(['- main:', '  - button "C"', '  - button "B"']);
    const { tree } = diff(prev, next);
    expect(outline(tree)).toEqual(['alert removed', 'main', '  button "A" removed', '  button "C" added', '  button "B"', 'contentinfo removed', '  link "About" removed']);
  });

  it('matches through wrappers that come and go with focus', () => {
    const plain = ['- form "Sign in":', '  - textbox "Email": a', '  - button "Go"'];
    const wrapped = ['- form "Sign in":', '  - generic:', '    - group:', '      - textbox "Email" [active]: a', '  - button "Go"'];
    expect(diff(yaml(plain), yaml(wrapped)).summary).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(diff(yaml(wrapped), yaml(plain)).summary).toEqual({ added: 0, changed: 0, removed: 0 });
    const changed = diff(yaml(wrapped), yaml(['- form "Sign in":', '  - textbox "Email": b', '  - button "Go"']));
    expect(changed.summary).toEqual({ added: 0, changed: 1, removed: 0 });
  });

  it('marks a wrapper whose whole content is new as added, and keeps a wholly removed one whole', () => {
    const prev = yaml(['- main:', '  - generic:', '    - heading "Old"', '    - button "X"', '  - button "Keep"']);
    const next = yaml(['- main:', '  - button "Keep"', '  - generic:', '    - heading "New"']);
    const { tree } = diff(prev, next);
    expect(outline(tree)).toEqual(['main', '  generic removed', '    heading "Old" removed', '    button "X" removed', '  button "Keep"', '  generic added', '    heading "New" added']);
  });

  it('matches duplicates with the same role and name in order', () => {
    const prev = yaml(['- button "Delete"', '- button "Delete" [disabled]']);
    const next = yaml(['- button "Delete"', '- button "Delete"', '- button "Delete"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 1, changed: 1, removed: 0 });
    expect(tree.map((n) => n.diffStatus)).toEqual([undefined, 'changed', 'added']);
    expect(diff(next, prev).tree.map((n) => n.diffStatus)).toEqual([undefined, 'changed', 'removed']);
  });

  it('pairs unnamed siblings by content, so an insert above does not shift every item', () => {
    const prev = yaml(['- list:', '  - listitem: Buy milk', '  - listitem:', '    - checkbox "Walk dog"', '    - button "Delete"']);
    const next = yaml(['- list:', '  - listitem: Call mom', '  - listitem: Buy milk', '  - listitem:', '    - checkbox "Walk dog" [checked]', '    - button "Delete"']);
    const { tree } = diff(prev, next);
    expect(outline(tree)).toEqual(['list', '  listitem added', '  listitem', '  listitem', '    checkbox "Walk dog" changed', '    button "Delete"']);
    expect(tree[0]!.children![0]).toMatchObject({ text: 'Call mom', diffStatus: 'added' });
  });

  it('does not swap content between unnamed rows when rows come and go', () => {
    const row = (i: number) => [`  - listitem:`, `    - checkbox "Item ${i}"`, `    - button "Delete"`];
    const rows = Array.from({ length: 40 }, (_, i) => i);
    const prev = yaml(['- list:', ...rows.flatMap(row)]);
    const next = yaml(['- list:', ...[-1, ...rows.filter((i) => i !== 20)].flatMap(row)]);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 3, changed: 0, removed: 3 });
    const marked = tree[0]!.children!.filter((c) => c.diffStatus).map((c) => `${c.children![0]!.name} ${c.diffStatus}`);
    expect(marked).toEqual(['Item -1 added', 'Item 20 removed']);
  });

  it('reports an unnamed item whose text changed in place as changed', () => {
    const { tree } = diff(yaml(['- status: Saving…']), yaml(['- status: Saved']));
    expect(tree[0]).toMatchObject({ text: 'Saved', diffStatus: 'changed', previous: { text: 'Saving…' } });
  });

  it('ignores removed nodes of a previously marked tree used as prev', () => {
    const first = diff(yaml(['- button "A"', '- button "B"']), yaml(['- button "A"']));
    expect(first.summary.removed).toBe(1);
    const second = diff(first.tree, yaml(['- button "A"']));
    expect(second.summary).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('diffs the real todo frames', () => {
    const { tree, summary } = diff(fixture('todo-before'), fixture('todo-after'));
    expect(summary).toEqual({ added: 6, changed: 3, removed: 1 });
    expect(find(tree, 'dialog', 'Confirm order')?.diffStatus).toBe('added');
    expect(find(tree, 'alert')).toMatchObject({ text: 'Welcome back', diffStatus: 'removed' });
    expect(find(tree, 'button', 'Pay now')).toMatchObject({ disabled: true, diffStatus: 'changed', previous: { disabled: false } });
    expect(find(tree, 'textbox', 'New todo')).toMatchObject({ value: 'Call mom', previous: { value: '' } });
    expect(find(tree, 'list', 'Todos')?.children?.map((c) => c.diffStatus)).toEqual([undefined, undefined, 'added', 'added', 'added']);
  });

  it('matches the default-mode tree with the ai-mode one through its generic wrappers', () => {
    const { tree } = diff(fixture('form-default'), fixture('form-ai'));
    const marked = outline(tree).filter((l) => / (added|changed|removed)$/.test(l));
    // Only the text runs that ai mode splits differently (one wrapper per label) differ.
    expect(marked.map((l) => l.trim())).toEqual(['text "Standard Country" removed', 'text "Standard" added', 'text "Country" added']);
  });
});
