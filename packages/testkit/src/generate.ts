import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatorSourceHash, shortHash, withFileLock } from './cache.js';
import { cacheDir } from './paths.js';
import { extensionOf, type VideoFormat } from './recorder/encoder.js';
import { recordScenario, type RecordOptions } from './recorder/session.js';
import { getScenario, type Scenario } from './scenarios/index.js';
import { checkTruth, type Truth } from './truth.js';

export interface GenerateOptions {
  format?: VideoFormat;
  width?: number;
  height?: number;
  fps?: number;
  /** Where videos and truth files go (and are looked up): default /work/main/.cache/recordings. */
  outDir?: string;
  /** Regenerate even if a cached copy exists. */
  force?: boolean;
  /** Screenshot every frame and fail if change tracking missed a change (much slower). */
  verify?: boolean;
}

export interface GeneratedRecording {
  videoPath: string;
  truthPath: string;
  truth: Truth;
  /** True when nothing was generated because a cached copy existed. */
  cached: boolean;
}

export const DEFAULT_RECORDING = { format: 'webm', width: 1280, height: 720, fps: 30 } as const;

const inFlight = new Map<string, Promise<GeneratedRecording>>();

/**
 * The video of `scenario` plus `<name>.truth.json` next to it. Cached by scenario, options and a hash
 * of the generator's sources, so a second call is free and any change to the generator regenerates.
 */
export function generateRecording(scenario: string | Scenario, options: GenerateOptions = {}): Promise<GeneratedRecording> {
  const s = typeof scenario === 'string' ? getScenario(scenario) : scenario;
  const o = { ...DEFAULT_RECORDING, ...options };
  const dir = o.outDir ?? cacheDir('recordings');
  const prefix = `${s.name}-${o.width}x${o.height}-${o.fps}fps-${o.format}`;
  const base = join(dir, `${prefix}-${shortHash({ s: s.name, w: o.width, h: o.height, fps: o.fps, f: o.format, src: generatorSourceHash() })}`);
  const existing = inFlight.get(base);
  if (existing && !o.force) return existing;
  const job = generate(s, o, dir, prefix, base).finally(() => inFlight.delete(base));
  inFlight.set(base, job);
  return job;
}

async function generate(
  s: Scenario,
  o: Required<Omit<GenerateOptions, 'outDir' | 'verify' | 'force'>> & GenerateOptions,
  dir: string,
  prefix: string,
  base: string,
): Promise<GeneratedRecording> {
  const videoPath = `${base}.${extensionOf(o.format)}`;
  const truthPath = `${base}.truth.json`;
  mkdirSync(dir, { recursive: true });
  // The truth file is written last, so its presence means the pair is complete.
  const done = () => !o.force && existsSync(truthPath) && existsSync(videoPath);
  const cached = await withFileLock(`${base}.lock`, done, async () => {
    const tmpVideo = `${base}.tmp-${process.pid}.${extensionOf(o.format)}`;
    try {
      const truth = await recordChecked(s, { ...o, videoPath: tmpVideo, verify: o.verify ?? false });
      renameSync(tmpVideo, videoPath);
      writeFileSync(`${truthPath}.tmp-${process.pid}`, JSON.stringify(truth, null, 2) + '\n');
      renameSync(`${truthPath}.tmp-${process.pid}`, truthPath);
    } finally {
      rmSync(tmpVideo, { force: true });
    }
    // Outputs of older generator versions for the same scenario and options are dead weight; an hour's
    // grace, since a process started before a source edit may still be about to read them.
    const hourAgo = Date.now() - 3_600_000;
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      // prefix-<12 hex>.…: not 'webm-vp8-…' when the prefix ends in 'webm'.
      if (!f.startsWith(prefix + '-') || !/^[0-9a-f]{12}\./.test(f.slice(prefix.length + 1)) || p.startsWith(base) || /\.lock$|\.tmp-/.test(f)) continue;
      if ((statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < hourAgo) rmSync(p, { force: true });
    }
  });
  return { videoPath, truthPath, truth: JSON.parse(readFileSync(truthPath, 'utf8')) as Truth, cached };
}

/** Records and checks the truth; one retry, in case Chromium produced a rendering glitch. */
async function recordChecked(s: Scenario, o: RecordOptions): Promise<Truth> {
  for (let attempt = 1; ; attempt++) {
    const { truth, missedChanges } = await recordScenario(s, o);
    const problems = checkTruth(truth);
    if (!problems.length) return truth;
    const message = `inconsistent ground truth for ${s.name} (${missedChanges} unannounced change(s)):\n  ${problems.join('\n  ')}`;
    if (attempt >= 2) throw new Error(message);
    process.emitWarning(`${message}\nretrying`);
  }
}
