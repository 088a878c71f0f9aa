import { execSync } from 'node:child_process';
import os from 'node:os';
import { add, zero, type Counts } from './score.js';
import { brief, cells, table, TARGETS, type Row } from './report.js';
import type { Recording } from './recordings.js';

const SPLITS = ['validation', 'tuning'] as const;
const FORMAT_NAMES: Record<string, string> = { webm: 'webm VP9', 'webm-vp8': 'webm VP8', mp4: 'mp4 H.264', mkv: 'mkv H.264' };

function sum(rows: Row[], kind?: string): Counts {
  const c = zero();
  for (const r of rows) {
    const k = kind ? r.score.byKind[kind] : r.score.all;
    if (k) add(c, k);
  }
  return c;
}

const METRICS = ['settled recall', 'loose recall', 'precision', 'frames/step', 'frames in pointer-only stretches'];

function splitSummary(rows: Row[], methods: string[], validation: boolean): string {
  const formats = [...new Set(rows.map((r) => r.rec.format))];
  const body: string[][] = [];
  for (const m of methods) {
    const mine = rows.filter((r) => r.method === m);
    const lane = m.startsWith('lane');
    body.push([lane ? `**${m}**` : m, '**all**', String(new Set(mine.map((r) => r.rec.name)).size), ...cells(sum(mine), validation && lane)]);
    if (formats.length > 1) {
      for (const f of formats) {
        const byFormat = mine.filter((r) => r.rec.format === f);
        body.push(['', FORMAT_NAMES[f] ?? f, String(byFormat.length), ...cells(sum(byFormat))]);
      }
    }
  }
  return table(['method', 'format', 'recordings', ...METRICS], body);
}

function kindTable(rows: Row[], methods: string[]): string {
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.score.byKind)))].sort();
  const laneRows = rows.filter((r) => r.method === methods[0]);
  return table(
    ['step kind', 'steps', ...methods],
    kinds.map((k) => [k, String(sum(laneRows, k).steps), ...methods.map((m) => brief(sum(rows.filter((r) => r.method === m), k)))]),
  );
}

function perRecording(rows: Row[], method: string): string {
  const mine = rows.filter((r) => r.method === method);
  return table(
    ['recording', 'split', 'steps', 'frames', ...METRICS],
    mine.map((r) => [r.rec.name, r.rec.split, String(r.score.all.steps), String(r.score.all.frames), ...cells(r.score.all)]),
  );
}

/** The lane's misses and wrong frames, so a failure can be found in the video. */
function laneDetails(rows: Row[], method: string): string {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.method === method)) {
    const { missed, wrongMs } = r.score;
    if (!missed.length && !wrongMs.length) continue;
    const parts = [
      missed.length ? `missed ${missed.map((w) => `${w.kind} (settled ${w.settledMs}–${w.endMs} ms)`).join(', ')}` : 'no miss',
      wrongMs.length ? `wrong frames at ${wrongMs.join(', ')} ms` : '',
    ];
    out.push(`- ${r.rec.name} [${r.rec.split}]: ${parts.filter(Boolean).join('; ')}`);
  }
  return out.length ? out.join('\n') : '- none: every step found, no wrong frame.';
}

export function markdown(rows: Row[], recs: Recording[], run: { startedAt: Date; seconds: number; argv: string[]; notes: string[] }): string {
  const methods = [...new Set(rows.map((r) => r.method))];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const nproc = execSync('nproc').toString().trim();
  const secs = (rs: Recording[]) => (rs.reduce((a, r) => a + r.truth.durationMs, 0) / 1000).toFixed(0);
  const recLine = (split: string) => {
    const mine = recs.filter((r) => r.split === split);
    const scen = [...new Set(mine.map((r) => r.scenario))];
    const variants = [...new Set(mine.map((r) => `${FORMAT_NAMES[r.format] ?? r.format} ${r.size}`))]
      .map((v) => `${v}: ${mine.filter((r) => `${FORMAT_NAMES[r.format] ?? r.format} ${r.size}` === v).map((r) => r.scenario).join(', ')}`);
    return `- **${split}** (${scen.length} scenarios, ${mine.length} recordings, ${secs(mine)} s of video, ${mine.reduce((a, r) => a + r.truth.steps.length, 0)} steps) — ${variants.join('; ')}.`;
  };
  return [
    '# bench:keyframes — keyframes against ground truth',
    '',
    `Command: \`pnpm bench:keyframes${run.argv.length ? ` ${run.argv.join(' ')}` : ''}\` (repository root, \`TESTKIT_CACHE_DIR\` set to a private cache) — ${run.startedAt.toISOString()}, ${Math.round(run.seconds)} s`,
    `Machine: \`nproc\` = ${nproc} (${cpu}, shared with other work), Node ${process.version}, ${execSync('ffmpeg -version').toString().split('\n')[0]}.`,
    '',
    'Recordings (testkit, 30 fps; see packages/testkit/README.md for what each scenario holds):',
    '',
    ...SPLITS.map(recLine),
    ...run.notes.map((n) => `- ${n}`),
    '',
    '## How it is scored',
    '',
    '- A **step** is a testkit ground-truth step, by the rule (packages/testkit README, "Ground truth"): every state that',
    '  stays on screen ≥ 200 ms once settled; a run of typed characters in one field is one step, settled at its last',
    '  character; hover highlights, the pointer and its shape, and the caret are never steps; a toast showing and hiding',
    '  are two. Each step has a `kind` (the action or app event that caused it).',
    '- **Settled recall**: steps with a keyframe in their settled stretch [`settledMs`, next step\'s `startMs`) ÷ steps.',
    '  **Loose recall**: steps with a keyframe anywhere in [`startMs`, next step\'s `startMs`), settled or not.',
    '- **Precision**: a step\'s first keyframe in its settled stretch is right; a second one, or one taken before the',
    '  state settled (mid-typing, mid-fade, on a skeleton or spinner), is wrong. Right ÷ all keyframes. By kind, a',
    '  keyframe counts for the step whose [`startMs`, next `startMs`) holds it ("none": before the first step).',
    '- **Frames in pointer-only stretches**: wrong keyframes inside a stretch where the page is still and only the',
    '  pointer layer changes (the pointer moves or changes shape, a hover highlight, the caret blinking).',
    `- Targets, on the **validation** split (lane rows): settled recall ≥ ${TARGETS.settledRecall}, precision ≥ ${TARGETS.precision}, ${TARGETS.pointer} frames in pointer-only`,
    '  stretches. ✓/✗ mark them. The validation scenarios are never looked at while tuning the detector.',
    '- Lane = `analyzeVideo` end to end; "timeline candidates" passes the recording\'s timeline event times as',
    '  `candidatesMs`, as the worker does. The three baselines run on the same files.',
    '',
    ...SPLITS.flatMap((split) => {
      const mine = rows.filter((r) => r.rec.split === split);
      if (!mine.length) return [];
      return [
        `## ${split === 'validation' ? 'Validation split (never used while tuning)' : 'Tuning split'}`,
        '',
        splitSummary(mine, methods, split === 'validation'),
        '',
        `### ${split}: by step kind`,
        '',
        'Each cell: settled recall · loose recall · precision · frames/step · frames in pointer-only stretches.',
        '',
        kindTable(mine, methods),
        '',
      ];
    }),
    `## ${methods[0]}: per recording`,
    '',
    perRecording(rows, methods[0]!),
    '',
    `## ${methods[0]}: misses and wrong frames`,
    '',
    laneDetails(rows, methods[0]!),
    '',
  ].join('\n');
}
