/**
 * One setting in a process of its own, so its peak RSS is its own: `child.ts <setting> <frames.json>`.
 * Reads every frame whole, then each of its regions; prints one JSON line (words read, times, RSS).
 */
import { readFileSync } from 'node:fs';
import type { Frame } from './frames.js';
import { makeReader, type ReadWord } from './readers.js';
import { SETTINGS } from './settings.js';

export interface ItemResult {
  frame: string;
  /** Index into the frame's regions; absent for the whole frame. */
  region?: number;
  ms: number;
  /** CPU time (user + system) of this process and of the child processes it waited for, during the read. */
  cpuMs: number;
  words: ReadWord[];
}

export interface ChildResult {
  setting: string;
  /** First read (worker start + data load + first recognition) of a small warm-up image. */
  warmupMs: number;
  /** CPU ms of all reads (warm-up excluded). */
  loopCpuMs: number;
  items: ItemResult[];
  maxRssKb: number;
  baseRssKb: number;
  engineMaxRssKb: number;
}

const [name, manifest] = process.argv.slice(2);
const setting = SETTINGS[name!];
if (!setting) throw new Error(`setting must be one of ${Object.keys(SETTINGS).join(', ')}`);
const { frames } = JSON.parse(readFileSync(manifest!, 'utf8')) as { frames: Frame[] };
const baseRssKb = process.resourceUsage().maxRSS;

const reader = makeReader(setting);
const first = frames[0]!;
const t0 = performance.now();
await reader.read(first.file, first.regions[0]?.box ?? { x: 0, y: 0, w: 200, h: 40 }, setting.regionScale);
const warmupMs = performance.now() - t0;

/**
 * CPU ms used so far by this process (all its threads: tesseract.js workers, sharp's and onnxruntime's) and by
 * its waited-for children (the CLI's tesseract processes; /proc's cutime + cstime, in 10 ms ticks).
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
  return (u.user + u.system) / 1000 + (Number(f[13]) + Number(f[14])) * 10;
}

/** One frame: the whole, then each region. */
async function readFrame(f: Frame): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  const t = performance.now();
  const c = cpuMs();
  const words = await reader.read(f.file, undefined, setting!.frameScale);
  out.push({ frame: f.name, words, ms: performance.now() - t, cpuMs: cpuMs() - c });
  for (const [i, r] of f.regions.entries()) {
    const tr = performance.now();
    const cr = cpuMs();
    const words = await reader.read(f.file, r.box, setting!.regionScale);
    out.push({ frame: f.name, region: i, words, ms: performance.now() - tr, cpuMs: cpuMs() - cr });
  }
  return out;
}

// `concurrency` frames at a time (each read then shares the CPU with the others: its time is longer, and its
// cpuMs counts the others' too, so only cpuMs of the whole loop is meaningful then).
const items: ItemResult[] = [];
const c0 = cpuMs();
const n = setting.concurrency ?? 1;
for (let i = 0; i < frames.length; i += n) items.push(...(await Promise.all(frames.slice(i, i + n).map(readFrame))).flat());
const loopCpuMs = cpuMs() - c0;
const engineMaxRssKb = reader.childMaxRssKb();
await reader.close();
const result: ChildResult = { setting: name!, warmupMs, loopCpuMs, items, maxRssKb: process.resourceUsage().maxRSS, baseRssKb, engineMaxRssKb };
console.log(JSON.stringify(result));
