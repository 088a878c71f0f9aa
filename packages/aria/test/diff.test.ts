import type { AriaNode } from '@claude-scope/contracts';
import { describe, expect, it } from 'vitest';
import { countMarks, diffTrees, parseAriaSnapshot } from '../src/index.js';
import { find, fixture } from './fixtures.js';

const yaml = (lines: string[]) => parseAriaSnapshot(lines.join('\n'));

/** diffTrees plus the invariants every result must hold. */
function diff(prev: AriaNode[] | null, next: AriaNode[], opts: Parameters<typeof diffTrees>[2] = {}) {
  const before = JSON.stringify([prev, next]);
  const result = diffTrees(prev, next, opts);
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

  it('marks a node renamed in place as changed, with its former name', () => {
    const prev = yaml(['- form "F":', '  - textbox "Email"', '  - button "Save"', '  - link "Help"']);
    const next = yaml(['- form "F":', '  - textbox "Email"', '  - button "Save draft"', '  - link "Help"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(outline(tree)).toEqual(['form "F"', '  textbox "Email"', '  button "Save draft" changed', '  link "Help"']);
    expect(tree[0]!.children![1]!.previous).toEqual({ name: 'Save' });
  });

  it('pairs counters whose digits changed, one changed node each (a badge 2 → 3, a stepper)', () => {
    const prev = yaml(['- banner:', '  - link "Cart (2)"', '  - status: 2 items', '- main:', '  - spinbutton "Quantity": "1"', '  - button "Add 1 to cart"']);
    const next = yaml(['- banner:', '  - link "Cart (3)"', '  - status: 3 items', '- main:', '  - spinbutton "Quantity": "2"', '  - button "Add 2 to cart"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 0, changed: 4, removed: 0 });
    expect(find(tree, 'link', 'Cart (3)')).toMatchObject({ diffStatus: 'changed', previous: { name: 'Cart (2)' } });
    expect(find(tree, 'spinbutton', 'Quantity')).toMatchObject({ diffStatus: 'changed', previous: { value: '1' } });
    expect(find(tree, 'button', 'Add 2 to cart')).toMatchObject({ diffStatus: 'changed', previous: { name: 'Add 1 to cart' } });
  });

  it('keeps unrelated names apart: removed + added, not a rename', () => {
    const prev = yaml(['- list:', '  - link "Buy milk"', '  - link "Walk dog"', '  - link "Call mom"']);
    const next = yaml(['- list:', '  - link "Buy milk"', '  - link "Pay rent"', '  - link "Call mom"']);
    expect(diff(prev, next).summary).toEqual({ added: 1, changed: 0, removed: 1 });
  });

  it('pairs a rename only within the gap it sits in, so an insert at the top never takes a row from below', () => {
    const rows = (ids: number[]) => ['- list:', ...ids.map((i) => `  - link "Item ${i}"`)];
    const ids = Array.from({ length: 30 }, (_, i) => i);
    const { tree, summary } = diff(yaml(rows(ids)), yaml(rows([-1, ...ids.filter((i) => i !== 20)])));
    expect(summary).toEqual({ added: 1, changed: 0, removed: 1 });
    const marked = tree[0]!.children!.filter((c) => c.diffStatus).map((c) => `${c.name} ${c.diffStatus}`);
    expect(marked).toEqual(['Item -1 added', 'Item 20 removed']);
    // In place, the same change is a rename of that row.
    const inPlace = diff(yaml(rows(ids)), yaml(rows(ids.map((i) => (i === 20 ? 99 : i)))));
    expect(inPlace.summary).toEqual({ added: 0, changed: 1, removed: 0 });
    expect(find(inPlace.tree, 'link', 'Item 99')).toMatchObject({ previous: { name: 'Item 20' } });
  });

  it('stays fast when thousands of rows are renamed at once', () => {
    const rows = (tag: string) => ['- list:', ...Array.from({ length: 4000 }, (_, i) => `  - link "${tag} row ${i} of page"`)];
    const started = performance.now();
    const { summary } = diff(yaml(rows('old')), yaml(rows('new')));
    expect(summary.added + summary.changed + summary.removed).toBeGreaterThan(0);
    expect(performance.now() - started, 'a regression guard, far above the ~100 ms this takes').toBeLessThan(5_000);
  });

  it('pairs nothing across siblings that moved, and keeps equal repeated items stable', () => {
    const prev = yaml(['- list:', '  - button "Count 1"', '  - link "A"', '  - link "B"', '  - button "Remove"', '  - button "Remove"']);
    const next = yaml(['- list:', '  - link "B"', '  - link "A"', '  - button "Count 2"', '  - button "Remove"', '  - button "Remove"']);
    const { tree, summary } = diff(prev, next);
    expect(summary).toEqual({ added: 1, changed: 0, removed: 1 });
    expect(outline(tree).filter((l) => l.includes('Remove'))).toEqual(['  button "Remove"', '  button "Remove"']);
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

  it('across pages (a navigation) renames nothing: the subtitle is removed + added, states still change', () => {
    const dashboard = yaml(['- button "Account" [expanded]', '- main:', '  - heading "Dashboard" [level=1]', '  - paragraph: Welcome back.', '  - link "Cart (2)"']);
    const settings = yaml(['- button "Account"', '- main:', '  - heading "Settings" [level=1]', '  - paragraph: Manage your profile.', '  - link "Cart (3)"']);
    const { tree } = diff(dashboard, settings, { acrossPages: true });
    expect(outline(tree)).toEqual([
      'button "Account" changed',
      'main',
      '  heading "Dashboard" removed',
      '  paragraph removed',
      '  link "Cart (2)" removed',
      '  heading "Settings" added',
      '  paragraph added',
      '  link "Cart (3)" added',
    ]);
    // Within one page the subtitle and the counter change in place (the headings share no word: no rename).
    expect(diff(dashboard, settings).summary).toEqual({ added: 1, changed: 3, removed: 1 });
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
    // Only the text runs that ai mode splits differently (one wrapper per label) differ: the first
    // run is the old one shortened, the second is new.
    expect(marked.map((l) => l.trim())).toEqual(['text "Standard" changed', 'text "Country" added']);
  });
});
