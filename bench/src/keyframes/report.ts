import { framesPerStep, looseRecall, precision, settledRecall, type Counts, type Score } from './score.js';
import type { Recording } from './recordings.js';

export interface Row {
  rec: Recording;
  method: string;
  score: Score;
  ms: number;
}

/** Issue 14's targets, met on the validation split: settled recall, precision, and no frame for the pointer. */
export const TARGETS = { settledRecall: 0.97, precision: 0.95, pointer: 0 };

const f3 = (n: number) => n.toFixed(3);
const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗');

/** settled recall, loose recall, precision, frames/step, pointer-only frames; with ✓/✗ against the targets when asked. */
export function cells(c: Counts, targets = false): string[] {
  const r = settledRecall(c), p = precision(c);
  return [
    `${f3(r)}${targets ? mark(r >= TARGETS.settledRecall) : ''} (${c.settled}/${c.steps})`,
    `${f3(looseRecall(c))} (${c.loose}/${c.steps})`,
    `${f3(p)}${targets ? mark(p >= TARGETS.precision) : ''} (${c.correct}/${c.frames})`,
    framesPerStep(c).toFixed(2),
    `${c.pointer}${targets ? mark(c.pointer <= TARGETS.pointer) : ''}`,
  ];
}

/** The same five numbers on one line, for a table cell. */
export function brief(c: Counts): string {
  return `${f3(settledRecall(c))} · ${f3(looseRecall(c))} · ${f3(precision(c))} · ${framesPerStep(c).toFixed(2)} · ${c.pointer}`;
}

export function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** One line per recording and method, for the console as the run goes. */
export function line(r: Row): string {
  const c = r.score.all;
  return `${r.rec.name.padEnd(40)} ${r.method.padEnd(30)} frames ${String(c.frames).padStart(4)}  settled ${f3(settledRecall(c))} loose ${f3(looseRecall(c))} P ${f3(precision(c))} pointer ${c.pointer}  ${(r.ms / 1000).toFixed(1)} s`;
}
