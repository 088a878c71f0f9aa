import { execSync } from 'node:child_process';
import os from 'node:os';
import type { Measured } from './floor.js';
import type { Mode } from './modes.js';
import type { Run } from './run.js';

export interface SizeResult {
  width: number;
  height: number;
  durationMs: number;
  floors: Omit<Measured, 'stdout'>[];
  runs: Partial<Record<Mode, Run[]>>;
}

/** CPU of starting Node + tsx and importing the package (measured: ~0.75 s), outside the timed part. */
const STARTUP_MS = 700;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sec = (ms: number) => (ms / 1000).toFixed(2);
const x = (r: number) => `${r.toFixed(2)}×`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ratio = (r: Run) => r.totalMs / r.floorMs;
const cpu = (r: { cpuMs: number | null }) => r.cpuMs ?? NaN;
/** The run's own work's CPU ÷ the floor's CPU around it: independent of the machine's size and, mostly, its load. */
const cpuRatio = (r: Run) => r.workCpuMs / r.floorCpuMs;
/** Issue 19, point 5. */
const CPU_TARGET = 1.5;

/** A row: label, median, every run. */
const secs = (ms: number) => `${sec(ms)} s`;
const row = (label: string, xs: number[], f: (n: number) => string, bold = false) => {
  const m = f(median(xs));
  return `| ${label} | ${bold ? `**${m}**` : m} | ${xs.map(f).join(', ')} |`;
};

const LABELS: Record<Mode, string> = {
  lane: '**lane: `analyzeVideo`** (probe, one decode pass, PNGs, thumbnails)',
  baseline: 'the same lane at the baseline checkout (`--baseline`), alternating with it: the before of a before/after pair',
  'two-pass': 'previous flow: probe, decode + detect, second pass for PNGs, thumbnails',
  'ffmpeg-gray-alone': 'probe + the lane\'s ffmpeg command for the gray frames only (decode + downscale), nothing reading its output',
  'ffmpeg-alone': 'probe + the lane\'s ffmpeg command alone, nothing reading its outputs (gray frames to /dev/null, full-resolution frames overwriting one file)',
  decode: 'probe + decode pass, downscaled gray only, frames dropped',
  'decode+detect': '… + the detector',
  'decode+detect+full': '… + full-resolution frames written, every other one as the lane does (deleted at once, no images)',
  'decode+detect+every-full': '(… + every frame written at full resolution, as the lane did before)',
};

/** What the CPU figures imply: on `cores` cores, the lane cannot take less than its CPU ÷ cores. */
function reading(r: SizeResult, cores: number, startupMs: number): string[] {
  const lane = r.runs.lane;
  const alone = r.runs['ffmpeg-alone'];
  const grayAlone = r.runs['ffmpeg-gray-alone'];
  if (!lane?.length) return [];
  const floorWall = median(r.floors.map((f) => f.wallMs));
  const floorCpu = median(r.floors.map(cpu));
  const laneCpu = median(lane.map(cpu)) - startupMs;
  const bound = laneCpu / cores / floorWall;
  const allowed = 1.3 * floorWall * cores - floorCpu;
  return [
    `Reading: the floor keeps ${(floorCpu / floorWall).toFixed(1)} of the ${cores} cores busy (${sec(floorCpu)} s of CPU in ${sec(floorWall)} s: VP9`,
    `frame threading). The lane needs ~${sec(laneCpu)} s of CPU (its process tree, less ~${sec(startupMs)} s of Node start-up): the same decode,`,
    `plus the downscale, the detector, the full-resolution frames and the keyframe images. Even perfectly spread over`,
    `${cores} cores that takes ≥ ${sec(laneCpu / cores)} s = **${x(bound)} the floor**; the lane at ${x(median(lane.map(ratio)))} is ${x(median(lane.map(ratio)) / bound)} that bound.`,
    `To reach 1.3× here, the lane's CPU beyond the floor's (${sec(laneCpu - floorCpu)} s) would have to fall to ≤ ${sec(allowed)} s.`,
    ...(alone?.length
      ? [
          `The lane's ffmpeg command by itself, before any of the lane's own work (no Node reading its outputs), runs at`,
          `**${x(median(alone.map(ratio)))} the floor** with ${sec(median(alone.map(cpu)) - startupMs)} s of CPU (less start-up).`,
        ]
      : []),
    ...(grayAlone?.length
      ? [
          `The decode with only the downscale the detector watches, no full-resolution frames and nothing reading it, runs at`,
          ...(() => {
            const g = median(grayAlone.map(ratio));
            return g >= 1.3
              ? [`${x(g)} the floor: over the 1.3× target before the detector, the keyframes' frames or their PNGs have run at all.`]
              : [`${x(g)} the floor: that leaves ${x(1.3 - g)} of the floor for the detector, the keyframes' full-resolution frames and their PNGs.`];
          })(),
        ]
      : []),
    '',
  ];
}

/**
 * CPU time of each run's work (measured inside its process: its threads plus its ffmpeg/ffprobe children, start-up
 * excluded) against the floor's (GNU time over ffmpeg) — what the lane costs, whatever the machine's size.
 */
function cpuSection(r: SizeResult): string[] {
  const modes = (Object.keys(r.runs) as Mode[]).filter((m) => r.runs[m]!.every((l) => Number.isFinite(l.workCpuMs)));
  if (!modes.length) return [];
  const lane = r.runs.lane;
  return [
    '### CPU time against the floor\'s CPU time',
    '',
    ...(lane?.length
      ? [`Lane: **${x(median(lane.map(cpuRatio)))} the floor's CPU** (target ≤ ${CPU_TARGET}×; every run ${lane.map((l) => x(cpuRatio(l))).join(', ')}).`, '']
      : []),
    ...cpuSteps(r),
    '| run | work CPU ÷ floor CPU, median | every run | work CPU, median (Node threads + ffmpeg/ffprobe) | floor CPU around it, median |',
    '|---|---|---|---|---|',
    ...modes.map((m) => {
      const runs = r.runs[m]!;
      return `| ${LABELS[m]} | ${m === 'lane' ? `**${x(median(runs.map(cpuRatio)))}**` : x(median(runs.map(cpuRatio)))} | ${runs.map((l) => x(cpuRatio(l))).join(', ')} | ${sec(median(runs.map((l) => l.workCpuMs)))} s (${sec(median(runs.map((l) => l.workCpuSelfMs)))} + ${sec(median(runs.map((l) => l.workCpuChildrenMs)))}) | ${sec(median(runs.map((l) => l.floorCpuMs)))} s |`;
    }),
    '',
  ];
}

/** When the floors themselves vary severalfold, the wall figures (and the reading drawn from them) measure the load. */
function loadWarning(r: SizeResult): string[] {
  const walls = r.floors.map((f) => f.wallMs);
  const [lo, hi] = [Math.min(...walls), Math.max(...walls)];
  if (hi < 2 * lo) return [];
  return [
    `**Wall figures of this run measure the machine's load more than the lane**: the same floor took ${sec(lo)}–${sec(hi)} s`,
    '(other work on the shared cores). Read the CPU table below; the wall ratios and the reading after it are not usable.',
    '',
  ];
}

/** Where the lane's CPU beyond the floor's goes, from the cut-down runs: each step's median CPU over the one before. */
function cpuSteps(r: SizeResult): string[] {
  const m = (mode: Mode) => (r.runs[mode]?.length ? median(r.runs[mode]!.map((l) => l.workCpuMs)) : NaN);
  const floorCpu = median(r.floors.map(cpu));
  const steps: [string, number, number][] = [
    ['decoding and downscaling to the gray frames the detector watches (ffmpeg, nothing reading)', floorCpu, m('ffmpeg-gray-alone')],
    ['Node reading those frames and the detector', m('ffmpeg-gray-alone'), m('decode+detect')],
    ['writing every other frame at full resolution (and deleting the ones no keyframe needs)', m('decode+detect'), m('decode+detect+full')],
    ['the keyframes\' images: reading their frames, YUV→RGB, PNGs and thumbnails', m('decode+detect+full'), m('lane')],
  ];
  const known = steps.filter(([, a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (!known.length || !Number.isFinite(floorCpu)) return [];
  return [
    'Where the lane\'s CPU beyond the floor\'s goes (medians of the cut-down runs, each over the one before; in floors\' CPU):',
    '',
    ...known.map(([label, a, b]) => `- ${label}: +${sec(b - a)} s = +${x((b - a) / floorCpu)}`),
    '',
  ];
}

/** The before/after pair, when a baseline checkout ran alternately with this one. */
function pair(r: SizeResult): string[] {
  const after = r.runs.lane ?? [];
  const before = r.runs.baseline ?? [];
  if (!after.length || !before.length) return [];
  const a = median(after.map(ratio));
  const b = median(before.map(ratio));
  const perRep = after.slice(0, before.length).map((l, i) => ratio(l) / ratio(before[i]!));
  return [
    `Before/after in this run: lane ${x(a)} the floor against the baseline's ${x(b)} — after ÷ before ${x(a / b)}`,
    `(per repetition ${perRep.map(x).join(', ')}); CPU ${sec(median(after.map(cpu)))} s against ${sec(median(before.map(cpu)))} s.`,
    '',
  ];
}

function sizeSection(r: SizeResult): string {
  const lane = r.runs.lane ?? [];
  const p = (k: string) => lane.map((l) => l.parts[k] ?? 0);
  const two = r.runs['two-pass'] ?? [];
  const q = (k: string) => two.map((l) => l.parts[k] ?? 0);
  const modes = Object.keys(r.runs) as Mode[];
  return [
    `## ${r.width}×${r.height}, ${(r.durationMs / 1000).toFixed(0)} s`,
    '',
    '### Wall time against the floor',
    '',
    '| run | median ÷ floor around it | every run ÷ floor | median wall | CPU (user+sys, whole tree), median | load avg at start |',
    '|---|---|---|---|---|---|',
    `| floor \`ffmpeg -i X -f null -\` | 1 | | ${sec(median(r.floors.map((f) => f.wallMs)))} s (${r.floors.map((f) => sec(f.wallMs)).join(', ')}) | ${sec(median(r.floors.map(cpu)))} s | |`,
    ...modes.map((m) => {
      const runs = r.runs[m]!;
      const rat = median(runs.map(ratio));
      return `| ${LABELS[m]} | ${m === 'lane' ? `**${x(rat)}**` : x(rat)} | ${runs.map((l) => x(ratio(l))).join(', ')} | ${sec(median(runs.map((l) => l.totalMs)))} s | ${sec(median(runs.map(cpu)))} s | ${runs.map((l) => l.load.toFixed(1)).join(', ')} |`;
    }),
    '',
    'Target for the lane: ≤ 1.3×. CPU of the Node runs includes ~0.7 s of Node + tsx start-up outside the timed part.',
    '',
    ...loadWarning(r),
    ...cpuSection(r),
    ...pair(r),
    ...reading(r, os.cpus().length, STARTUP_MS),
    ...(lane.length
      ? [
          '### Where the lane\'s time goes (its own timings)',
          '',
          '| part | median | every run |',
          '|---|---|---|',
          row('probe (ffprobe), wall', p('probeMs'), secs),
          row('decode pass, wall (ffmpeg, detector, keyframe images overlapping)', p('decodeMs'), secs),
          row('after the decode, wall (last images, dropping capped ones)', p('finishMs'), secs),
          row('· detector on the main thread, summed', p('detectMs'), secs),
          row('· reading keyframes\' full-resolution frames, summed', p('readMs'), secs),
          row('· YUV→RGB of keyframes, main thread, summed', p('convertMs'), secs),
          row('· PNG + thumbnail encoding (sharp threads), summed', p('encodeMs'), secs),
          row('keyframes', lane.map((l) => l.frames), String),
          row('keyframes needing a second decoding pass (no full-resolution frame of their state kept)', p('secondPassFrames'), String),
          row('**peak RSS of the lane process** (Node, target < 300 MB)', lane.map((l) => l.maxRssKb), mb, true),
          row('— of which Node + modules before the lane started', lane.map((l) => l.baseRssKb), mb),
          row('largest process in the lane\'s tree (ffmpeg or Node)', lane.map((l) => l.treeMaxRssKb ?? 0), mb),
          '',
          'Summed parts overlap each other and the decode (sharp works in its own threads, ffmpeg in its process), and',
          'under load they include time the thread waited for a core: they show proportions, not a partition of the wall time.',
          '',
        ]
      : []),
    ...(two.length
      ? [
          '### The previous two-pass flow, part by part',
          '',
          '| part | median | every run |',
          '|---|---|---|',
          row('probe', q('probeMs'), secs),
          row('decode + detect', q('decodeDetectMs'), secs),
          row('extract: second decoding pass writing PNGs', q('extractMs'), secs),
          row('thumbnails from the PNGs', q('thumbnailsMs'), secs),
          row('peak RSS', two.map((l) => l.maxRssKb), mb),
          '',
        ]
      : []),
  ].join('\n');
}

export function markdown(results: SizeResult[], run: { startedAt: Date; argv: string[]; reps: number; maxLoad: number; loadEnd?: number[] }): string {
  const nproc = execSync('nproc').toString().trim();
  return [
    '# bench:video — the video lane against the ffmpeg decode floor',
    '',
    `Command: \`pnpm bench:video${run.argv.length ? ` ${run.argv.join(' ')}` : ''}\` (repository root) — ${run.startedAt.toISOString()}`,
    `Machine: \`nproc\` = ${nproc} (${os.cpus()[0]?.model ?? 'unknown CPU'}), shared with other engineers' builds and tests (load average at the end: ${(run.loadEnd ?? os.loadavg()).map((l) => l.toFixed(1)).join(', ')}), Node ${process.version}, ${execSync('ffmpeg -version').toString().split('\n')[0]}.`,
    '',
    'Recording: ~60 s, 30 fps VP9 webm as testkit records them: the `full-tour` scenario (42.5 s) followed by the first',
    '17.5 s of `login-flow`, joined by stream copy (ffmpeg concat demuxer, nothing re-encoded). Testkit\'s longest scenario',
    'is 42.5 s, and adding one would change its source hash and regenerate every cached recording of every engineer.',
    'Timeline events of both parts are passed as `candidatesMs`, as the worker does.',
    '',
    `Method: ${run.reps} repetitions per size. Every run is a Node process of its own (peak RSS = \`process.resourceUsage().maxRSS\`),`,
    'timed around the work itself, and compared with the mean of the floor runs just before and after it, so load from',
    'other work hits both sides; before each run the bench waits (up to 2 min) for the 1-minute load average to fall',
    `under ${run.maxLoad} (our own runs keep it near 2), measuring the floor again if it had to wait. Lane settings are`,
    'the worker\'s defaults (10 fps analysis at 480 px wide, 2 sharp jobs).',
    'CPU: of the floor, GNU time over ffmpeg; of a run\'s work, measured inside its process around the work alone —',
    '`process.cpuUsage()` (every thread: sharp\'s, the main thread) plus the `cutime`+`cstime` of `/proc/self/stat`',
    '(ffmpeg and ffprobe, waited for) — so Node\'s start-up is not in it; the wall table\'s CPU column is GNU time over the',
    'whole run, start-up included. CPU ratios hardly depend on the machine\'s size or load (a busy machine adds some cache',
    'and frequency effects, not time waiting for a core); wall ratios on this shared 2-core machine are indicative.',
    '',
    ...results.map(sizeSection),
    '## What changed in the lane, and what is left',
    '',
    '- One decoding pass instead of two: the decode writes sampled frames at full resolution to a scratch directory',
    '  (a second output of the same `split`), the detector names the few that may still become keyframes, the rest are',
    '  deleted as it goes, and each keyframe\'s PNG and thumbnail are made while the decode continues. Files rather than a',
    '  second pipe: an A/B at 1080p gave 4.9 s against 5.6 s for the pass, Node reading 1.9 GB it mostly throws away.',
    '  Tried again with pooled frame buffers (nothing allocated per frame) and both pipes joined by frame index: an',
    '  interleaved A/B at 720p gave 4.41–4.54 s against 3.97–4.28 s for files, at the same CPU; files stay.',
    '- Only every other sampled frame is written at full resolution (plus the last few of the stream). A state shows',
    '  from its last changing frame through the quiet ones after it (≥ 3 frames at 10 fps), so one of them is always',
    '  kept; the detector says which (`Step.fromMs`), and a keyframe\'s image and time are that frame\'s. The last two',
    '  cut-down rows of each size compare it with writing every frame: a clear saving at 720p, a small one at 1080p.',
    '- Thumbnails of frames at least twice their size start from a half-size frame made straight from YUV (a 2×2 box),',
    '  so the resize reads a quarter of the pixels (none at 720p). sharp pipelines are no longer `clone()`d: clone',
    '  structuredClones the input buffer (~2.5 ms per 720p frame, twice, on the main thread).',
    '- Decoder threads left to ffmpeg (`-threads 2` on 2 cores starved frame threading: ~1.4× longer at 720p; `-threads 1`',
    '  costs the least CPU but puts the decode and the downscale on one thread: no faster either).',
    '- Detector: equal 32-bit words skipped when diffing frames (97 % of words repeat exactly), ~2× faster; the previous',
    '  frame and the anchor are compared in one pass (~20 % less).',
    '- YUV→RGB of keyframes (full and half size) in WebAssembly SIMD, compiled from AssemblyScript (`assembly/yuv.ts`):',
    '  ~2 ms per 720p frame and ~4 ms per 1080p frame, copies in and out included, against ~10 and ~19 ms for the JS',
    '  loop (integer tables, a Uint8ClampedArray clamping), which stays as the reference and fallback; half size 0.5 ms',
    '  against 3.4 ms. At 1080p this took ~1 s of main-thread CPU off the lane. PNG at zlib level 3 and thumbnails at',
    '  level 6 (1.6× faster than 6 and 9, files 7–10 % bigger).',
    '- showinfo (there for the frame times) without its per-plane checksums and statistics: ~0.1 s less per minute of',
    '  720p (an interleaved A/B of the ffmpeg command, 7 rounds: 1.13 s → 1.00 s against a 0.91 s plain decode).',
    '- Tried and dropped: `scale` with `flags=neighbor` (−0.35 s of CPU at 720p, but the keyframe quality fell: merged',
    '  recall 0.969, precision 0.879, 4 frames for pointer motion); Node reading ffmpeg\'s pipe eagerly into a queue',
    '  (ffmpeg never waiting for the detector): no faster, the lane is bound by CPU, not by the pipe; dropping frames',
    '  that repeat the previous one (`mpdecimate`) before the downscale: testkit\'s cursor keeps 85 % of them moving;',
    '  full-resolution frames on tmpfs instead of ext4, in one growing file or in 1 s segments instead of a file each:',
    '  within noise (interleaved A/Bs of the ffmpeg command, ±0.1 s); `-filter_complex_threads 1`: no change.',
    '- Left: the two `ffmpeg … alone` rows bound what the lane can reach here. The decode plus only the downscale the',
    '  detector watches, with nothing reading it, takes most of a 1.3× budget by itself; writing every other sampled',
    '  frame at full resolution (what lets the keyframes skip a second decode) costs ffmpeg\'s main thread ~0.4 s more',
    '  per minute of 720p. Debian 12\'s ffmpeg 5.1 runs the filters and the outputs on its main thread, serially with',
    '  feeding the decoder; ffmpeg ≥ 6.1 runs them in threads of their own, and with cores beyond the ~1.5 the floor',
    '  uses, the lane\'s work would overlap the decode instead of competing with it (neither measurable here).',
    '',
  ].join('\n');
}
