import { describe, expect, it } from 'vitest';
import { ariaChanges, captureAt, type AiNode, type AriaCapture } from '../src/aria-truth.js';

const at = (tree: AiNode[], docId = 'd1', t = 0): AriaCapture => ({ t, docId, tree });
const stepper = (n: string, total: string): AiNode[] => [
  { role: 'group', name: 'Quantity', ref: 'e1', children: [{ role: 'status', ref: 'e2', text: n }] },
  { role: 'paragraph', ref: 'e3', text: total },
];

describe('ariaChanges (ground truth of a step)', () => {
  it('a counter and a total changing in place are changed, with before and after', () => {
    expect(ariaChanges(at(stepper('1', 'Total $12.00')), at(stepper('2', 'Total $24.00')))).toEqual({
      added: [],
      changed: [
        { role: 'status', name: '2', before: { text: '1' }, after: { text: '2' } },
        { role: 'paragraph', name: 'Total $24.00', before: { text: 'Total $12.00' }, after: { text: 'Total $24.00' } },
      ],
      removed: [],
    });
  });

  it('states changing are changed; focus and pointer bookkeeping are not', () => {
    const before = at([{ role: 'checkbox', name: 'Gift wrap', ref: 'e1' }, { role: 'button', name: 'Account', ref: 'e2', cursor: 'pointer' }]);
    const after = at([{ role: 'checkbox', name: 'Gift wrap', ref: 'e1', checked: true, active: true }, { role: 'button', name: 'Account', ref: 'e2', expanded: true, cursor: 'pointer' }]);
    expect(ariaChanges(before, after).changed).toEqual([
      { role: 'checkbox', name: 'Gift wrap', before: { checked: null }, after: { checked: true } },
      { role: 'button', name: 'Account', before: { expanded: null }, after: { expanded: true } },
    ]);
  });

  it('a renamed node (Playwright gives it a new ref) is one changed node, and so is its renamed child', () => {
    const milk: AiNode = { role: 'listitem', ref: 'e3', text: 'Buy milk' };
    const before = at([{ role: 'region', name: 'Your tasks (3)', ref: 'e1', children: [{ role: 'heading', name: 'Your tasks (3)', ref: 'e2' }, milk] }]);
    const after = at([{ role: 'region', name: 'Your tasks (4)', ref: 'e7', children: [{ role: 'heading', name: 'Your tasks (4)', ref: 'e8' }, milk] }]);
    const c = ariaChanges(before, after);
    expect(c.added).toEqual([]);
    expect(c.removed).toEqual([]);
    expect(c.changed.map((x) => [x.role, x.before.name, x.after.name])).toEqual([
      ['region', 'Your tasks (3)', 'Your tasks (4)'],
      ['heading', 'Your tasks (3)', 'Your tasks (4)'],
    ]);
  });

  it('a panel shown in place of another (new ref, nothing inside in common) is removed + added, not renamed', () => {
    const panel = (name: string, ref: string, field: string, fref: string): AiNode => ({ role: 'tabpanel', name, ref, children: [{ role: 'textbox', name: field, ref: fref }] });
    const c = ariaChanges(at([panel('Profile', 'e1', 'Display name', 'e2')]), at([panel('Notifications', 'e5', 'Email digest', 'e6')]));
    expect(c.changed).toEqual([]);
    expect(c.added).toEqual([{ role: 'tabpanel', name: 'Notifications' }, { role: 'textbox', name: 'Email digest' }]);
    expect(c.removed).toEqual([{ role: 'tabpanel', name: 'Profile' }, { role: 'textbox', name: 'Display name' }]);
  });

  it('a list the page rebuilt with one item more: that item is added, the others stay', () => {
    const item = (ref: string, text: string): AiNode => ({ role: 'listitem', ref, text });
    const before = at([{ role: 'list', name: 'Orders', ref: 'e1', children: [item('e2', '#1041'), item('e3', '#1038')] }]);
    const after = at([{ role: 'list', name: 'Orders', ref: 'e1', children: [item('e9', '#1042'), item('e10', '#1041'), item('e11', '#1038')] }]);
    expect(ariaChanges(before, after)).toEqual({ added: [{ role: 'listitem', name: '#1042' }], changed: [], removed: [] });
  });

  it("a toast's message inside a plain div names its status node; wrappers and unnamed nodes are not listed", () => {
    const shown = at([{ role: 'status', ref: 'e1', children: [{ role: 'generic', ref: 'e2', text: 'Task added' }] }, { role: 'generic', ref: 'e3', children: [{ role: 'separator', ref: 'e4' }] }]);
    const empty = at([{ role: 'status', ref: 'e1' }]);
    expect(ariaChanges(empty, shown)).toEqual({ added: [], changed: [{ role: 'status', name: 'Task added', before: { text: '' }, after: { text: 'Task added' } }], removed: [] });
    expect(ariaChanges(shown, empty).changed[0]).toMatchObject({ name: 'Task added', before: { text: 'Task added' }, after: { text: '' } });
  });

  it('across a navigation refs restart: nodes are the same by role + label path, never renamed, changed by state', () => {
    const nav: AiNode = { role: 'navigation', name: 'Main', ref: 'e1', children: [{ role: 'link', name: 'Tasks', ref: 'e2' }] };
    const before = at([nav, { role: 'button', name: 'Account', ref: 'e4', expanded: true }, { role: 'heading', name: 'Dashboard', ref: 'e3' }], 'd1');
    const after = at([{ ...nav, ref: 'e3' }, { role: 'button', name: 'Account', ref: 'e2' }, { role: 'heading', name: 'Tasks', ref: 'e1' }], 'd2');
    expect(ariaChanges(before, after)).toEqual({
      added: [{ role: 'heading', name: 'Tasks' }],
      changed: [{ role: 'button', name: 'Account', before: { expanded: true }, after: { expanded: null } }],
      removed: [{ role: 'heading', name: 'Dashboard' }],
    });
  });

  it('a container that gains its first content (Playwright gave it no ref while empty) is changed', () => {
    const empty = at([{ role: 'main', ref: 'e1', children: [{ role: 'status' }] }]);
    const shown = at([{ role: 'main', ref: 'e1', children: [{ role: 'status', ref: 'e9', children: [{ role: 'generic', ref: 'e10', text: 'Saved' }] }] }]);
    expect(ariaChanges(empty, shown)).toEqual({ added: [], changed: [{ role: 'status', name: 'Saved', before: { text: '' }, after: { text: 'Saved' } }], removed: [] });
  });

  it('captureAt: the latest capture at or before the time', () => {
    const caps = [at([], 'd', 0), at([], 'd', 100), at([], 'd', 300)];
    expect(captureAt(caps, 299)?.t).toBe(100);
    expect(captureAt(caps, 300)?.t).toBe(300);
  });
});
