import { framesPerStep, precision, recall, type Score } from './score.js';

export interface Row {
  recording: string;
  method: string;
  strict: Score;
  merged: Score;
  ms: number;
}

const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);
const mark = (ok: boolean) => (ok ? '' : ' ✗');

/** Targets: settled recall ≥ 0.97, precision ≥ 0.9, no frame picked for pointer motion. */
export const TARGETS = { recall: 0.97, precision: 0.9 };

export function scoreCells(s: Score, targets = false): string[] {
  const r = recall(s);
  const p = precision(s);
  return [
    `${f3(r)}${targets ? mark(r >= TARGETS.recall) : ''} (${s.found}/${s.windows})`,
    `${f3(p)}${targets ? mark(p >= TARGETS.precision) : ''} (${s.correct}/${s.frames})`,
    f2(framesPerStep(s)),
  ];
}

export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** One line per recording and method, for the console as the run goes. */
export function line(r: Row): string {
  const s = (x: Score) => `R ${f3(recall(x))} P ${f3(precision(x))}`;
  return `${r.recording.padEnd(34)} ${r.method.padEnd(30)} frames ${String(r.merged.frames).padStart(4)}  strict ${s(r.strict)}  merged ${s(r.merged)}  cursor ${r.merged.cursorFalse}/${r.merged.inCursorOnly}  ${(r.ms / 1000).toFixed(1)} s`;
}
