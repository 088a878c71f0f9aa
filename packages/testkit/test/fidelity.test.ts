import { describe, expect, it } from 'vitest';
import { addScores, precision, recall, scoreStep, type MarkedNode } from '../src/fidelity.js';

const truth = {
  added: [{ role: 'menuitem', name: 'Sign out' }],
  changed: [{ role: 'status', name: '2', before: { text: '1' }, after: { text: '2' } }],
  removed: [],
};

describe('scoreStep (a frame against its step in ground truth)', () => {
  it('recovers changes by kind, role and name; a changed node by its name before or after', () => {
    const frame: MarkedNode[] = [
      { role: 'menu', name: 'Account', children: [{ role: 'menuitem', name: 'Sign out', diffStatus: 'added' }] },
      { role: 'status', name: '', text: '2', diffStatus: 'changed', previous: { text: '1' } },
    ];
    const s = scoreStep(truth, frame);
    expect([s.truth, s.recovered, s.marks, s.right]).toEqual([2, 2, 2, 2]);
  });

  it('a counter split into removed + added recovers nothing and both marks are wrong; wrappers and text runs are not marks', () => {
    const frame: MarkedNode[] = [
      { role: 'status', name: '', text: '1', diffStatus: 'removed' },
      { role: 'status', name: '', text: '2', diffStatus: 'added' },
      { role: 'generic', name: '', diffStatus: 'added', children: [{ role: 'text', name: 'x', diffStatus: 'added' }] },
    ];
    const s = scoreStep(truth, frame);
    expect([s.truth, s.recovered, s.marks, s.right]).toEqual([2, 0, 2, 0]);
    expect(s.missed).toEqual(['added menuitem "Sign out"', 'changed status "2"']);
    expect(recall(s)).toBe(0);
    expect(precision(s)).toBe(0);
  });

  it('a node emptied by the change (a toast region once the toast hid) answers to its label before', () => {
    const hidden = { added: [], changed: [{ role: 'status', name: 'Task saved', before: { text: 'Task saved' }, after: { text: '' } }], removed: [] };
    const frame: MarkedNode[] = [{ role: 'status', name: '', text: '', diffStatus: 'changed', previous: { text: 'Task saved' } }];
    const s = scoreStep(hidden, frame);
    expect([s.truth, s.recovered, s.marks, s.right]).toEqual([1, 1, 1, 1]);
  });

  it('sums scores, kind by kind', () => {
    const a = scoreStep(truth, [{ role: 'menuitem', name: 'Sign out', diffStatus: 'added' }]);
    const sum = addScores(a, a);
    expect([sum.truth, sum.recovered, sum.marks, sum.right]).toEqual([4, 2, 2, 2]);
    expect(sum.byKind.added).toEqual({ truth: 2, recovered: 2, marks: 2, right: 2 });
    expect(recall(sum)).toBe(0.5);
  });
});
