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
  words: ReadWord[];
}

export interface ChildResult {
  setting: string;
  /** First read (worker start + data load + first recognition) of a small warm-up image. */
  warmupMs: number;
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

/** One frame: the whole, then each region. */
async function readFrame(f: Frame): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  const t = performance.now();
  const words = await reader.read(f.file, undefined, setting!.frameScale);
  out.push({ frame: f.name, words, ms: performance.now() - t });
  for (const [i, r] of f.regions.entries()) {
    const tr = performance.now();
    const words = await reader.read(f.file, r.box, setting!.regionScale);
    out.push({ frame: f.name, region: i, words, ms: performance.now() - tr });
  }
  return out;
}

// `concurrency` frames at a time (each read then shares the CPU with the others: its time is longer).
const items: ItemResult[] = [];
const n = setting.concurrency ?? 1;
for (let i = 0; i < frames.length; i += n) items.push(...(await Promise.all(frames.slice(i, i + n).map(readFrame))).flat());
const engineMaxRssKb = reader.childMaxRssKb();
await reader.close();
const result: ChildResult = { setting: name!, warmupMs, items, maxRssKb: process.resourceUsage().maxRSS, baseRssKb, engineMaxRssKb };
console.log(JSON.stringify(result));
