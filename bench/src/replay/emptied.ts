import type { AriaChanges, MarkedNode } from '@claude-scope/testkit';

const norm = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

/**
 * Truth changes that empty a node (a toast's region after the toast hid: its text before, none after) and how many a
 * frame marks as changed from that text. The scorer (packages/testkit fidelity.ts `scoreStep`) labels a changed mark
 * by its state after the change, so an emptied node is never a mark it counts, right or wrong: this counts them
 * apart, for the step kinds whose whole change is one (toast-hide). Left here, not in the testkit, because editing
 * packages/testkit/src regenerates every cached recording.
 */
export function emptiedRecovered(truth: AriaChanges, frame: readonly MarkedNode[]): { truth: number; recovered: number } {
  // `before` / `after` hold only what differs: a node whose text went, and no name came instead.
  const emptied = truth.changed.filter((c) => norm(c.before.text) && 'text' in c.after && !norm(c.after.text) && !norm(c.after.name));
  const marks: MarkedNode[] = [];
  const visit = (nodes: readonly MarkedNode[]) => {
    for (const n of nodes) {
      if (n.diffStatus === 'changed' && n.previous) marks.push(n);
      visit(n.children ?? []);
    }
  };
  visit(frame);
  const used = new Set<MarkedNode>();
  let recovered = 0;
  for (const c of emptied) {
    const m = marks.find((x) => !used.has(x) && x.role === c.role && [norm(x.previous!.name), norm(x.previous!.text)].includes(norm(c.name)));
    if (m) {
      used.add(m);
      recovered++;
    }
  }
  return { truth: emptied.length, recovered };
}
