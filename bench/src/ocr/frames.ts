/**
 * The bench's frames: screenshots of the testkit's demo app (Chromium), light and dark, 720p and 1080p,
 * 80 % zoom for small fonts, some under an address-bar strip; some passed through VP8 or H.264 and
 * decoded back. Ground truth is the DOM's visible words with their boxes. Cached in `dir` by spec.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, startDemoApp } from '@claude-scope/testkit';
import sharp from 'sharp';
import { roundTrip, type Codec } from './codec.js';
import { STRIP_CSS_HEIGHT, stripHtml } from './strip.js';
import { mergeTouching, PAGE_WORDS_SCRIPT, toImagePx, type TruthWord } from './truth.js';

export interface FrameSpec {
  page: string;
  theme: 'light' | 'dark';
  width: number;
  height: number;
  /** Device pixels per CSS px: 1 at 720p, 1.5 at 1080p, 0.8 for a browser zoomed out (11–12 px text). */
  dpr: number;
  /** An address-bar strip above the page, as in a window capture. */
  window?: boolean;
  codecs: Codec[];
}

export const FRAME_SPECS: FrameSpec[] = [
  { page: '/login', theme: 'light', width: 1280, height: 720, dpr: 1, window: true, codecs: ['png', 'vp8', 'h264'] },
  { page: '/dashboard', theme: 'light', width: 1280, height: 720, dpr: 1, codecs: ['png', 'vp8', 'h264'] },
  { page: '/tasks', theme: 'dark', width: 1280, height: 720, dpr: 1, window: true, codecs: ['png', 'vp8', 'h264'] },
  { page: '/settings', theme: 'dark', width: 1280, height: 720, dpr: 0.8, codecs: ['png', 'vp8', 'h264'] },
  { page: '/inbox', theme: 'light', width: 1280, height: 720, dpr: 0.8, window: true, codecs: ['png'] },
  { page: '/order', theme: 'dark', width: 1280, height: 720, dpr: 1, codecs: ['png'] },
  { page: '/dashboard', theme: 'dark', width: 1920, height: 1080, dpr: 1.5, codecs: ['png', 'h264'] },
  { page: '/tasks', theme: 'light', width: 1920, height: 1080, dpr: 1.5, window: true, codecs: ['png', 'vp8'] },
];

export type RegionKind = 'button' | 'around-button' | 'small-text' | 'address-bar';

export interface Frame {
  name: string;
  spec: FrameSpec;
  codec: Codec;
  file: string;
  truth: TruthWord[];
  /**
   * Areas a change detector or the pointer's neighbourhood would hand over: a text line padded by 10 px
   * (for a button: inside its fill), and 'around-button', a button's label padded by 30 × 24 px, so the
   * button's whole fill and some page around it are in the read.
   */
  regions: { kind: RegionKind; box: { x: number; y: number; w: number; h: number } }[];
}

const specName = (s: FrameSpec) => `${s.page.slice(1)}-${s.theme}-${s.height}p${s.dpr === 0.8 ? '-zoom80' : ''}${s.window ? '-window' : ''}`;

/** Words into text lines: same row, gaps under 1.5 × height. */
function lines(words: TruthWord[]): TruthWord[][] {
  const sorted = [...words].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: TruthWord[][] = [];
  for (const w of sorted) {
    const line = out.find((l) => {
      const last = l.at(-1)!;
      return Math.abs(last.y - w.y) < 3 && Math.abs(last.h - w.h) < 3 && w.x - (last.x + last.w) < 1.5 * w.h && w.x >= last.x;
    });
    if (line) line.push(w);
    else out.push([w]);
  }
  return out;
}

function regionsOf(truth: TruthWord[], spec: FrameSpec, stripPx: number): Frame['regions'] {
  const box = (l: TruthWord[], px = 10, py = 10) => {
    const x0 = Math.min(...l.map((w) => w.x)) - px;
    const y0 = Math.min(...l.map((w) => w.y)) - py;
    const x1 = Math.max(...l.map((w) => w.x + w.w)) + px;
    const y1 = Math.max(...l.map((w) => w.y + w.h)) + py;
    return { x: Math.max(0, Math.floor(x0)), y: Math.max(0, Math.floor(y0)), w: Math.ceil(Math.min(spec.width, x1) - Math.max(0, x0)), h: Math.ceil(Math.min(spec.height, y1) - Math.max(0, y0)) };
  };
  const all = lines(truth);
  const pick = (kind: RegionKind, f: (l: TruthWord[]) => boolean, n: number) => all.filter(f).slice(0, n).map((l) => ({ kind, box: box(l) }));
  return [
    ...pick('address-bar', (l) => l[0]!.y < stripPx, 4),
    ...pick('button', (l) => l[0]!.y >= stripPx && l.every((w) => w.button), 3),
    ...all
      .filter((l) => l[0]!.y >= stripPx && l.every((w) => w.button))
      .slice(0, 3)
      .map((l) => ({ kind: 'around-button' as const, box: box(l, 30 * spec.dpr, 24 * spec.dpr) })),
    ...pick('small-text', (l) => l[0]!.y >= stripPx && !l[0]!.button && l[0]!.fontPx / spec.dpr <= 13.5, 3),
  ];
}

async function shoot(spec: FrameSpec, origin: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<{ png: Buffer; truth: TruthWord[]; stripPx: number }> {
  const stripPx = spec.window ? Math.round(STRIP_CSS_HEIGHT * spec.dpr) : 0;
  const css = { width: Math.round(spec.width / spec.dpr), height: Math.round((spec.height - stripPx) / spec.dpr) };
  const ctx = await browser.newContext({ viewport: css, deviceScaleFactor: spec.dpr });
  await ctx.addInitScript({ content: `localStorage.setItem('demo-theme', ${JSON.stringify(spec.theme)})` });
  try {
    const page = await ctx.newPage();
    await page.goto(origin + spec.page, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500); // skeletons and fades settle
    const pagePng = await page.screenshot({ type: 'png' });
    const pageWords = mergeTouching(toImagePx((await page.evaluate(PAGE_WORDS_SCRIPT)) as TruthWord[], spec.dpr, stripPx));
    if (!spec.window) return { png: pagePng, truth: pageWords, stripPx };
    const title = await page.title();
    await page.setViewportSize({ width: css.width, height: STRIP_CSS_HEIGHT });
    await page.setContent(stripHtml(title, `https://app.acme-tasks.example${spec.page}?view=all`, spec.theme === 'dark'));
    const stripPng = await page.screenshot({ type: 'png' });
    const stripWords = mergeTouching(toImagePx((await page.evaluate(PAGE_WORDS_SCRIPT)) as TruthWord[], spec.dpr));
    const png = await sharp({ create: { width: spec.width, height: spec.height, channels: 3, background: '#000' } })
      .composite([{ input: stripPng, top: 0, left: 0 }, { input: pagePng, top: stripPx, left: 0 }])
      .png()
      .toBuffer();
    return { png, truth: [...stripWords, ...pageWords], stripPx };
  } finally {
    await ctx.close();
  }
}

export async function makeFrames(dir: string): Promise<Frame[]> {
  mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'frames.json');
  const key = JSON.stringify(FRAME_SPECS) + PAGE_WORDS_SCRIPT + mergeTouching.toString() + regionsOf.toString();
  if (existsSync(manifest)) {
    const cached = JSON.parse(readFileSync(manifest, 'utf8')) as { key: string; frames: Frame[] };
    if (cached.key === key) return cached.frames;
  }
  const app = await startDemoApp();
  const browser = await launchChromium();
  const frames: Frame[] = [];
  try {
    for (const spec of FRAME_SPECS) {
      const { png, truth, stripPx } = await shoot(spec, app.url, browser);
      const base = specName(spec);
      const regions = regionsOf(truth, spec, stripPx);
      for (const codec of spec.codecs) {
        const file = path.join(dir, `${base}-${codec}.png`);
        writeFileSync(file, codec === 'png' ? png : await roundTrip(png, codec, dir));
        frames.push({ name: `${base} ${codec}`, spec, codec, file, truth, regions });
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
  writeFileSync(manifest, JSON.stringify({ key, frames }, null, 1));
  return frames;
}
