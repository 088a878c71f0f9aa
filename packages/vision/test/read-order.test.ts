import { describe, expect, it } from 'vitest';
import { readKeyframes, type KeyframeSource, type ReadPlan } from '../src/index.js';
import type { Word } from '../src/lines.js';

const W = 1280;
const H = 720;
const COMPARE = { width: 320, height: 180 };

/** A compare-size gray frame, white, with dark blocks at the given compare-pixel boxes. */
function frame(...dark: { x: number; y: number; w: number; h: number }[]) {
  const data = new Uint8Array(COMPARE.width * COMPARE.height).fill(250);
  for (const b of dark) for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) data[y * COMPARE.width + x] = 20;
  return { data, ...COMPARE };
}

const word = (text: string, x: number, y: number): Word => ({ text, confidence: 0.95, box: { x, y, w: 8 * text.length, h: 14 } });

/** Sources whose reads are logged in the order they start; the first keyframe's read resolves only when released. */
function sources(grays: ReturnType<typeof frame>[], words: Word[][]) {
  const started: { index: number; plan: ReadPlan }[] = [];
  let release!: () => void;
  const first = new Promise<void>((r) => (release = r));
  const list: KeyframeSource[] = grays.map((g, index) => ({
    timestamp: index * 1000,
    gray: async () => g,
    read: async (plan) => {
      started.push({ index, plan });
      if (index === 0) await first;
      return words[index]!;
    },
  }));
  return { list, started, release };
}

describe('the order keyframes are read in', () => {
  // Keyframe 0: a window with an address bar at the top. Keyframe 1 changes low on the page; keyframe 2 changes
  // next to the address bar (its plan depends on where the bar is, which the first reading finds).
  const grays = [frame(), frame({ x: 100, y: 120, w: 20, h: 6 }), frame({ x: 100, y: 120, w: 20, h: 6 }, { x: 60, y: 10, w: 20, h: 4 })];
  const words = [
    [word('demo.test/login', 300, 44), word('Sign', 400, 300), word('in', 440, 300)],
    [word('Saved', 400, 484)],
    [word('demo.test/home', 300, 44), word('Saved', 400, 484)],
  ];
  const scene = { width: W, height: H, pointer: [], seedUrl: 'https://demo.test/login' };

  it('reads keyframes whose plan the address bar cannot change beside the first reading, the others after it', async () => {
    const s = sources(grays, words);
    const run = readKeyframes(s.list, scene);
    await new Promise((r) => setTimeout(r, 20));
    expect(s.started.map((r) => r.index)).toEqual([0, 1]); // keyframe 2 waits for the bar
    expect(s.started[1]!.plan!.every((a) => a.y >= 0.16 * H)).toBe(true);
    s.release();
    const frames = await run;
    expect(s.started.map((r) => r.index)).toEqual([0, 1, 2]);
    // Keyframe 2's plan was made with the bar found: its change beside the bar reads the bar's whole line.
    expect(s.started[2]!.plan).toContainEqual(expect.objectContaining({ x: 0, w: W }));
    expect(frames.map((f) => f.url)).toEqual(['https://demo.test/login', 'https://demo.test/login', 'https://demo.test/home']);
  });

  it('reads a keyframe without its typed frame when that frame cannot be read, and says so', async () => {
    const s = sources(grays, words);
    s.release();
    const failing = { timestamp: 900, whole: true, x: 420, y: 490, read: async () => Promise.reject(new Error('OCR worker crashed')) };
    const list = s.list.map((k, i) => (i === 1 ? { ...k, typed: failing } : k));
    const lost: { index: number; message: string }[] = [];
    const frames = await readKeyframes(list, scene, { onTypedLost: (index, err) => lost.push({ index, message: (err as Error).message }) });
    expect(frames).toHaveLength(3);
    expect(frames[1]!.submitted).toBeUndefined();
    expect(lost).toEqual([{ index: 1, message: 'OCR worker crashed' }]);
  });
});
