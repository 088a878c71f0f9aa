import { addScores, emptyScore, FIDELITY_KINDS as KINDS, precision, recall, type Score } from '@claude-scope/testkit';
import type { RecordingResult, ReplayRun } from './run.js';
import { quantile, type Spent } from './stats.js';
import { SETTLE_WAITS } from './lane.js';

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const total = (rs: readonly RecordingResult[]) => rs.reduce((a, r) => addScores(a, r.score), emptyScore());

function fidelityRow(label: string, rs: readonly RecordingResult[]): string {
  const sc: Score = total(rs);
  const kinds = KINDS.map((k) => `${pct(recall(sc.byKind[k]))} / ${pct(precision(sc.byKind[k]))} (${sc.byKind[k].truth})`);
  return `| ${label} | ${rs.reduce((a, r) => a + r.scoredSteps, 0)} | ${sc.truth} | **${pct(recall(sc))}** | ${sc.marks} | **${pct(precision(sc))}** | ${kinds.join(' | ')} |`;
}

function where(sp: Spent): string {
  const parts = [`action ${s1(sp.actionMs)} s`, ...SETTLE_WAITS.map((k) => `settle on ${k} ${s1(sp.waits[k])} s`), `capture ${s1(sp.captureMs)} s`];
  parts.push(`then watching for the page's own later states ${s1(sp.watchMs)} s (${sp.laterCaptures} later states captured after ${sp.watchedWithLater} events)`);
  const kept = Object.entries(sp.keptChanging).map(([k, n]) => `${n} by ${k}`);
  return `${parts.join(', ')}; events captured at the settle cap, the page still changing: ${kept.length ? kept.join(', ') : 'none'}`;
}

type KindCounts = { steps: number; truth: number; recovered: number; marks: number; right: number; recoveredWithoutLater: number };

function byStepKind(rs: readonly RecordingResult[]): [string, KindCounts][] {
  const m = new Map<string, KindCounts>();
  for (const st of rs.flatMap((r) => r.steps)) {
    const v = m.get(st.kind) ?? { steps: 0, truth: 0, recovered: 0, marks: 0, right: 0, recoveredWithoutLater: 0 };
    v.steps++;
    v.truth += st.truth;
    v.recovered += st.recovered;
    v.recoveredWithoutLater += st.recoveredWithoutLater;
    v.marks += st.marks;
    v.right += st.right;
    m.set(st.kind, v);
  }
  return [...m].sort((a, b) => b[1].truth - b[1].recovered + (b[1].marks - b[1].right) - (a[1].truth - a[1].recovered + (a[1].marks - a[1].right)));
}

/** bench/results/replay.md */
export function replayMarkdown(run: ReplayRun): string {
  const splits = ['tuning', 'validation'] as const;
  const bySplit = (sp: string) => run.results.filter((r) => r.split === sp);
  const ratio = (rs: readonly RecordingResult[]) => rs.reduce((a, r) => a + r.withMs, 0) / Math.max(1, rs.reduce((a, r) => a + r.withoutMs, 0));
  const m = run.machine;
  return [
    '# bench:replay — the Playwright lane replaying the testkit, with and without its timeline',
    '',
    `Command: \`${run.command}\` from the repository root — ${run.date}, the whole run took ${run.wallS} s.`,
    `Machine: ${m.cpus} cores (${m.cpuModel}), Node ${m.node}; load average (1, 5, 15 min) ${m.loadBefore.map((x) => x.toFixed(2)).join(', ')} before, ${m.loadAfter.map((x) => x.toFixed(2)).join(', ')} after — the cores are shared with other work, so times are pessimistic.`,
    '',
    'What runs: `captureSteps` (services/worker/src/playwright/playwright-lane.ts) in one warm Chromium through the SSRF guard proxy against the testkit demo app, per recording (1280×720 webm, cached) first with no timeline (the seed page alone), then with the recording\'s timeline. Fidelity: synthesis\'s `fuseFrames` on the lane\'s steps with one keyframe per truth step at its `settledMs` (a perfect keyframe detector, so the lane and the pairing are scored, not the detector); each step\'s frame marks (added / changed / removed on named nodes) against the step\'s named ARIA changes in ground truth (packages/testkit, `step.aria`). Recall: truth changes recovered by a mark of the same kind, role and name (a changed node by its name before or after); precision: marks that truth lists. The first step (no previous frame) is not scored.',
    '',
    '## Fidelity (targets: recall ≥ 0.9, precision ≥ 0.8, on validation)',
    '',
    '| split | steps | truth changes | recall | marks | precision | added R / P (n) | changed R / P (n) | removed R / P (n) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...splits.map((sp) => fidelityRow(sp === 'validation' ? '**validation** (never tuned on)' : sp, bySplit(sp))),
    '',
    'By the kind of step (ground truth\'s `kind`: what caused it), tuning split only (validation is not looked into while tuning):',
    '',
    '| step kind | steps | truth changes | recovered | marks | right | recovered with later captures dropped |',
    '|---|---|---|---|---|---|---|',
    ...byStepKind(bySplit('tuning')).map(([k, v]) => `| ${k} | ${v.steps} | ${v.truth} | ${v.recovered} | ${v.marks} | ${v.right} | ${v.recoveredWithoutLater} |`),
    '',
    'The last column scores the same steps with each frame given its step\'s capture only (the lane\'s later captures, the states a page reaches on its own between two events such as a toast hiding, dropped).',
    '',
    '## Time',
    '',
    'Per event: from the event to its capture (action, settle, capture). The watch after the capture (the page\'s own later states, up to the next event\'s time on the timeline) is a column of its own: it follows the video\'s pace, not the app\'s, and is in the lane\'s wall times.',
    '',
    '| split | events | per event median | p95 | watching after (sum) | later states | lane with timeline | lane without | with ÷ without |',
    '|---|---|---|---|---|---|---|---|---|',
    ...splits.map((sp) => {
      const rs = bySplit(sp);
      const ev = rs.flatMap((r) => r.eventTimes);
      return `| ${sp} | ${ev.length} | ${Math.round(quantile(ev.map((e) => e.ms), 0.5))} ms | ${Math.round(quantile(ev.map((e) => e.ms), 0.95))} ms | ${s1(ev.reduce((a, e) => a + e.watchMs, 0))} s | ${ev.reduce((a, e) => a + e.later, 0)} | ${s1(rs.reduce((a, r) => a + r.withMs, 0))} s | ${s1(rs.reduce((a, r) => a + r.withoutMs, 0))} s | ${ratio(rs).toFixed(1)}× |`;
    }),
    '',
    `Where the events' time went (all ${run.all.events} events, ${run.all.failed} failed): ${where(run.all)}.`,
    '',
    '## End to end (target: with the timeline ÷ without ≤ 1.5×)',
    '',
    'Each recording uploaded to a real API process and one worker process (every lane: video, vision, Playwright, synthesis; Postgres, Redis, S3 on the same machine), without its timeline, then with it: request → session complete.',
    '',
    '| split | recordings | without (sum) | with (sum) | with ÷ without (sums) | per recording: median, worst |',
    '|---|---|---|---|---|---|',
    ...splits.map((sp) => {
      const rs = bySplit(sp).filter((r) => r.e2e);
      const ratios = rs.map((r) => r.e2e!.with.ms / r.e2e!.without.ms);
      const sum = (f: (r: RecordingResult) => number) => rs.reduce((a, r) => a + f(r), 0);
      return rs.length
        ? `| ${sp} | ${rs.length} | ${s1(sum((r) => r.e2e!.without.ms))} s | ${s1(sum((r) => r.e2e!.with.ms))} s | **${(sum((r) => r.e2e!.with.ms) / sum((r) => r.e2e!.without.ms)).toFixed(2)}×** | ${quantile(ratios, 0.5).toFixed(2)}×, ${Math.max(...ratios).toFixed(2)}× |`
        : `| ${sp} | 0 | – | – | – | – |`;
    }),
    '',
    '## Per recording',
    '',
    'Lane: the Playwright lane alone (this process). End to end: with ÷ without, and the lanes of the run with the timeline (video, vision, Playwright, synthesis).',
    '',
    '| recording | split | events | video | lane with timeline | lane without | median / p95 per event | recall | precision | failures | end to end without → with | lanes with (s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...run.results.map((r) => {
      const ms = r.eventTimes.map((e) => e.ms);
      return `| ${r.scenario} | ${r.split} | ${r.events} | ${s1(r.durationMs)} s | ${s1(r.withMs)} s | ${s1(r.withoutMs)} s | ${Math.round(quantile(ms, 0.5))} / ${Math.round(quantile(ms, 0.95))} ms | ${pct(recall(r.score))} (${r.score.recovered}/${r.score.truth}) | ${pct(precision(r.score))} (${r.score.right}/${r.score.marks}) | ${r.failures.length} | ${r.e2e ? `${s1(r.e2e.without.ms)} → ${s1(r.e2e.with.ms)} s (${(r.e2e.with.ms / r.e2e.without.ms).toFixed(2)}×)` : '–'} | ${r.e2e ? ['videoLane', 'visionLane', 'playwrightLane', 'synthesis'].map((k) => { const v = r.e2e!.with.lanesMs[k as 'videoLane']; return v === undefined ? '–' : s1(v); }).join(' / ') : '–'} |`;
    }),
    '',
  ].join('\n');
}

