/**
 * Scoring a Playwright lane's frames against ground truth (`step.aria`, see aria-truth.ts): used by bench:replay
 * and the worker's fidelity test, so both count the same way.
 */
import type { AriaChanges } from './aria-truth.js';

/** A node of a fused frame's marked ARIA tree (the fields read here; API.md Frame.ariaTree). */
export interface MarkedNode {
  role: string;
  name?: string;
  text?: unknown;
  diffStatus?: string;
  previous?: Record<string, unknown>;
  children?: MarkedNode[];
}

type Kind = 'added' | 'changed' | 'removed';
export const FIDELITY_KINDS: readonly Kind[] = ['added', 'changed', 'removed'];

/** One mark of a frame: its kind, role, and the labels it answers to (for a changed node, before and after). */
interface Mark {
  kind: Kind;
  role: string;
  labels: string[];
}

// As the ground truth (aria-truth.ts): containers without identity and text runs are not
// named nodes; a node's label is its name, else its text.
const SKIPPED_ROLES: ReadonlySet<string> = new Set(['generic', 'none', 'presentation', 'text', 'fragment']);
const norm = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

function marksOf(tree: readonly MarkedNode[]): Mark[] {
  const out: Mark[] = [];
  const visit = (nodes: readonly MarkedNode[]) => {
    for (const n of nodes) {
      const kind = n.diffStatus as Kind | undefined;
      const label = norm(n.name) || norm(n.text) || childText(n);
      // A changed node answers to its label before the change too: a toast's region emptied has none after.
      const before = kind === 'changed' && n.previous ? norm(n.previous.name) || norm(n.previous.text) : '';
      if (kind && FIDELITY_KINDS.includes(kind) && !SKIPPED_ROLES.has(n.role) && (label || before)) {
        out.push({ kind, role: n.role, labels: [label, before].filter(Boolean) });
      }
      visit(n.children ?? []);
    }
  };
  visit(tree);
  return out;
}

/** The text of a node's `text` children (a paragraph or toast whose content the snapshot lists as children). */
function childText(n: MarkedNode): string {
  return (n.children ?? []).filter((c) => c.role === 'text').map((c) => norm(c.text) || norm(c.name)).filter(Boolean).join(' ');
}

export interface Score {
  /** Named changes ground truth lists for the scored steps, and how many of them a mark recovered. */
  truth: number;
  recovered: number;
  /** Marks on named nodes in the scored frames, and how many of them ground truth lists. */
  marks: number;
  right: number;
  byKind: Record<Kind, { truth: number; recovered: number; marks: number; right: number }>;
  /** What was missed and what was wrong, as `kind role "name"` (for tuning, on the tuning split only). */
  missed: string[];
  wrong: string[];
}

export const emptyScore = (): Score => ({
  truth: 0,
  recovered: 0,
  marks: 0,
  right: 0,
  missed: [],
  wrong: [],
  byKind: { added: { truth: 0, recovered: 0, marks: 0, right: 0 }, changed: { truth: 0, recovered: 0, marks: 0, right: 0 }, removed: { truth: 0, recovered: 0, marks: 0, right: 0 } },
});

/**
 * One step: the frame's marks against the step's named changes. A truth change is recovered by a mark of the same
 * kind and role whose label is its name (for a changed node: its name after or before); each mark counts once.
 */
export function scoreStep(truth: AriaChanges, frame: readonly MarkedNode[]): Score {
  const score = emptyScore();
  const marks = marksOf(frame);
  const used = new Set<Mark>();
  for (const kind of FIDELITY_KINDS) {
    for (const t of truth[kind]) {
      const names = [norm(t.name)];
      if ('before' in t) names.push(norm((t.before as Record<string, unknown>).name) || norm((t.before as Record<string, unknown>).text));
      const m = marks.find((x) => !used.has(x) && x.kind === kind && x.role === t.role && x.labels.some((l) => names.includes(l)));
      score.truth++;
      score.byKind[kind].truth++;
      if (!m) {
        score.missed.push(`${kind} ${t.role} "${t.name}"`);
        continue;
      }
      used.add(m);
      score.recovered++;
      score.byKind[kind].recovered++;
    }
  }
  for (const m of marks) {
    score.marks++;
    score.byKind[m.kind].marks++;
    if (!used.has(m)) {
      score.wrong.push(`${m.kind} ${m.role} "${m.labels.join('" ← "')}"`);
      continue;
    }
    score.right++;
    score.byKind[m.kind].right++;
  }
  return score;
}

export function addScores(a: Score, b: Score): Score {
  const out = emptyScore();
  out.missed = [...a.missed, ...b.missed];
  out.wrong = [...a.wrong, ...b.wrong];
  for (const k of ['truth', 'recovered', 'marks', 'right'] as const) out[k] = a[k] + b[k];
  for (const kind of FIDELITY_KINDS) for (const k of ['truth', 'recovered', 'marks', 'right'] as const) out.byKind[kind][k] = a.byKind[kind][k] + b.byKind[kind][k];
  return out;
}

/** Recall and precision; NaN when there is nothing to divide. */
export const recall = (s: { truth: number; recovered: number }) => (s.truth ? s.recovered / s.truth : NaN);
export const precision = (s: { marks: number; right: number }) => (s.marks ? s.right / s.marks : NaN);
