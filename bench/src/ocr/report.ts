import type { ChildResult } from './child.js';
import type { Frame } from './frames.js';
import { add, inside, precision, recall, score, ZERO, type Counts } from './score.js';
import type { Setting } from './settings.js';

export interface SettingReport {
  setting: string;
  config: Setting;
  /** Whole frames: all, and by codec, theme, size; button words and small (≤ 13 CSS px) words within them. */
  frames: Record<string, Counts>;
  /** Region reads by kind. */
  regions: Record<string, Counts>;
  ms: { frame720: number; frame1080: number; region: number; warmup: number };
  /**
   * CPU ms (process + waited-for children, warm-up excluded) per word read correctly (matched): for all reads,
   * and for whole frames and regions apart (null when reads overlapped, concurrency > 1). Also per word read.
   */
  cpu: { totalMs: number; perMatched: number; perRead: number; framePerMatched: number | null; regionPerMatched: number | null };
  maxRssMb: number;
  baseRssMb: number;
  engineMaxRssMb: number;
  /** 1-minute load average when the setting started (the machine is shared). */
  load: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function summarize(frames: Frame[], r: ChildResult, config: Setting, load: number): SettingReport {
  const byName = new Map(frames.map((f) => [f.name, f]));
  const fr: Record<string, Counts> = {};
  const rg: Record<string, Counts> = {};
  const bump = (o: Record<string, Counts>, k: string, c: Counts) => (o[k] = add(o[k] ?? ZERO, c));
  const t720: number[] = [];
  const t1080: number[] = [];
  const tRegion: number[] = [];
  let cpuFrames = 0;
  let cpuRegions = 0;
  for (const item of r.items) {
    if (item.region === undefined) cpuFrames += item.cpuMs;
    else cpuRegions += item.cpuMs;
    const f = byName.get(item.frame)!;
    if (item.region === undefined) {
      const c = score(f.truth, item.words);
      for (const k of ['all', `codec ${f.codec}`, `theme ${f.spec.theme}`, `${f.spec.height}p${f.spec.dpr === 0.8 ? ' zoom 80 %' : ''}`]) bump(fr, k, c);
      bump(fr, 'button words', score(f.truth.filter((w) => w.button), item.words.filter((w) => f.truth.some((t) => t.button && near(t, w.box)))));
      const small = f.truth.filter((w) => w.fontPx / f.spec.dpr <= 13.5 || (f.spec.dpr < 1 && w.fontPx <= 13.5));
      bump(fr, 'small words', score(small, item.words.filter((w) => small.some((t) => near(t, w.box)))));
      (f.spec.height === 720 ? t720 : t1080).push(item.ms);
    } else {
      const reg = f.regions[item.region]!;
      const c = score(inside(f.truth, reg.box), item.words);
      bump(rg, 'all', c);
      bump(rg, reg.kind, c);
      bump(rg, `codec ${f.codec}`, c);
      tRegion.push(item.ms);
    }
  }
  const overlapped = (config.concurrency ?? 1) > 1;
  const f = fr.all ?? ZERO;
  const g = rg.all ?? ZERO;
  return {
    setting: r.setting,
    config,
    frames: fr,
    regions: rg,
    ms: { frame720: mean(t720), frame1080: mean(t1080), region: mean(tRegion), warmup: r.warmupMs },
    cpu: {
      totalMs: r.loopCpuMs,
      perMatched: r.loopCpuMs / (f.matched + g.matched),
      perRead: r.loopCpuMs / (f.read + g.read),
      framePerMatched: overlapped ? null : cpuFrames / f.matched,
      regionPerMatched: overlapped ? null : cpuRegions / g.matched,
    },
    maxRssMb: r.maxRssKb / 1024,
    baseRssMb: r.baseRssKb / 1024,
    engineMaxRssMb: r.engineMaxRssKb / 1024,
    load,
  };
}

/** A read word lies on this truth word (for scoring subsets: read words elsewhere are not that subset's). */
function near(t: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): boolean {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const g = t.h / 2;
  return cx >= t.x - g && cx <= t.x + t.w + g && cy >= t.y - g && cy <= t.y + t.h + g;
}

const pct = (x: number) => `${Math.round(x * 100)}`;
const rp = (c: Counts | undefined) => (c ? `${pct(recall(c))} / ${pct(precision(c))}` : '–');

export function markdown(reports: SettingReport[], meta: { date: Date; argv: string[]; frames: Frame[]; tesseractVersion: string }): string {
  const frameKeys = ['all', 'codec png', 'codec vp8', 'codec h264', 'theme light', 'theme dark', '720p', '720p zoom 80 %', '1080p', 'button words', 'small words'];
  const regionKeys = ['all', 'button', 'around-button', 'small-text', 'address-bar', 'codec vp8', 'codec h264'];
  const nFrames = meta.frames.length;
  const nRegions = meta.frames.reduce((a, f) => a + f.regions.length, 0);
  const lines = [
    '# OCR engines on UI text',
    '',
    `Run ${meta.date.toISOString()}: \`pnpm bench:ocr${meta.argv.length ? ` ${meta.argv.join(' ')}` : ''}\` (bench/src/ocr/), one process per setting, one worker and one read at a time unless the setting says 2 workers (then two frames at once), on a 2-core machine shared with other work.`,
    `${nFrames} frames (bench/src/ocr/frames.ts: the demo app in Chromium, light and dark, 720p and 1080p, 80 % zoom for 11–12 px text, an address-bar strip on some; VP8 400 kbit/s and H.264 CRF 30 round trips) and ${nRegions} regions (a text line padded by 10 px: in buttons, small text, the address bar; and around-button: a button label padded by 30 × 24 CSS px, the fill and some page around it).`,
    `Truth: the DOM's visible words and boxes. A read word counts when its lower-cased text (without surrounding punctuation) equals an unmatched truth word's and its centre lies within that word's box grown by half its height. Cells: **recall / precision, %**. CLI: ${meta.tesseractVersion} (Debian tesseract-ocr-eng), one process per read, fed the same prepared gray image.`,
    '',
    '## Whole frames',
    '',
    `| setting | ${frameKeys.join(' | ')} |`,
    `|---|${frameKeys.map(() => '---').join('|')}|`,
    ...reports.map((r) => `| ${r.setting} | ${frameKeys.map((k) => rp(r.frames[k])).join(' | ')} |`),
    '',
    '## Regions',
    '',
    `| setting | ${regionKeys.join(' | ')} |`,
    `|---|${regionKeys.map(() => '---').join('|')}|`,
    ...reports.map((r) => `| ${r.setting} | ${regionKeys.map((k) => rp(r.regions[k])).join(' | ')} |`),
    '',
    '## Time and memory',
    '',
    'CPU: user + system time of the setting\'s process (all its threads: tesseract.js workers, sharp, onnxruntime) and of the child processes it waited for (the CLI\'s), over all reads, warm-up excluded. **Per word = CPU ÷ words read correctly (matched)**, for all reads and for whole frames and regions apart; per read word = CPU ÷ all words read (matched or not).',
    '',
    '| setting | CPU ms / correct word | frames | regions | CPU ms / read word | CPU s in all |',
    '|---|---|---|---|---|---|',
    ...reports.map(
      (r) =>
        `| ${r.setting} | **${r.cpu.perMatched.toFixed(1)}** | ${r.cpu.framePerMatched?.toFixed(1) ?? '–'} | ${r.cpu.regionPerMatched?.toFixed(1) ?? '–'} | ${r.cpu.perRead.toFixed(1)} | ${(r.cpu.totalMs / 1000).toFixed(1)} |`,
    ),
    '',
    'Mean wall time of one read (preparation + recognition). Warm-up: the first read, worker start and data load included. RSS: the peak of the process running the setting (Node, sharp and tesseract.js workers; at start in brackets); for the CLI also the peak of one `tesseract` process; for PP-OCR the models load on the first read. Load: the 1-minute load average as the setting started (each waits up to 2 min for it to fall under --max-load).',
    '',
    '| setting | 720p frame ms | 1080p frame ms | region ms | warm-up ms | peak RSS MB | CLI process MB | load |',
    '|---|---|---|---|---|---|---|---|',
    ...reports.map(
      (r) =>
        `| ${r.setting} | ${Math.round(r.ms.frame720)} | ${Math.round(r.ms.frame1080)} | ${Math.round(r.ms.region)} | ${Math.round(r.ms.warmup)} | ${Math.round(r.maxRssMb)} (${Math.round(r.baseRssMb)}) | ${r.engineMaxRssMb ? Math.round(r.engineMaxRssMb) : '–'} | ${r.load.toFixed(1)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
