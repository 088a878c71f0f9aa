import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcr, type Ocr, type OcrWord } from '../src/index.js';
import { renderFrame } from './helpers/frame.js';

const texts = (words: OcrWord[]) => words.map((w) => w.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''));
const find = (words: OcrWord[], text: string) => words.find((w) => w.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') === text);

describe('reading UI text (real Tesseract, tesseract.js)', () => {
  let ocr: Ocr;
  beforeAll(() => {
    ocr = createOcr({ concurrency: 1 });
  });
  afterAll(() => ocr.close());

  it('reads a white-on-blue button label on a light page, with its box in frame pixels', async () => {
    const png = await renderFrame(1280, 240, '#f3f4f6', [
      { text: 'Recent activity', x: 40, y: 60, size: 18, color: '#111827', bold: true },
      { text: 'Save changes', x: 900, y: 141, size: 14, color: '#ffffff', bold: true, fill: { color: '#2563eb', x: 880, y: 115, w: 140, h: 38 } },
    ]);
    const words = await ocr.read({ data: png });
    expect(texts(words)).toEqual(expect.arrayContaining(['recent', 'activity', 'save', 'changes']));
    const save = find(words, 'save')!;
    expect(save.box.x).toBeGreaterThanOrEqual(895);
    expect(save.box.x).toBeLessThan(910);
    expect(save.box.y + save.box.h).toBeGreaterThan(135);
    expect(save.box.y).toBeLessThan(141);
    expect(save.confidence).toBeGreaterThan(0.5);
    expect(save.confidence).toBeLessThanOrEqual(1);
    expect(find(words, 'changes')!.line).toBe(save.line);
    // The pointer's neighbourhood: the whole button and page around it (Tesseract alone drops text in a filled box).
    const around = await ocr.read({ data: png }, { region: { x: 850, y: 90, w: 200, h: 90 } });
    expect(texts(around)).toEqual(['save', 'changes']);
  });

  it('reads small grey text (11–12 px) on white', async () => {
    const png = await renderFrame(1280, 120, '#ffffff', [
      { text: 'Last updated 5 minutes ago by Grace', x: 24, y: 40, size: 12, color: '#6b7280' },
      { text: 'Demo application for Claude Scope tests', x: 24, y: 90, size: 11, color: '#6b7280' },
    ]);
    const words = texts(await ocr.read({ data: png }));
    expect(words).toEqual(expect.arrayContaining(['last', 'updated', 'minutes', 'ago', 'grace', 'demo', 'application', 'claude', 'scope', 'tests']));
  });

  it('reads dark-theme text: light on dark, muted and accented', async () => {
    const png = await renderFrame(1280, 200, '#0f172a', [
      { text: 'Settings', x: 40, y: 50, size: 26, color: '#e5e7eb', bold: true },
      { text: 'Manage your profile and notifications.', x: 40, y: 90, size: 13, color: '#94a3b8' },
      { text: 'Save profile', x: 60, y: 158, size: 14, color: '#0f172a', bold: true, fill: { color: '#818cf8', x: 40, y: 132, w: 130, h: 38 } },
    ]);
    const words = texts(await ocr.read({ data: png }));
    expect(words).toEqual(expect.arrayContaining(['settings', 'manage', 'your', 'profile', 'notifications', 'save']));
  });

  it('reads a region and maps its boxes back to frame coordinates, whatever the scale', async () => {
    const png = await renderFrame(1280, 720, '#ffffff', [
      { text: 'Dashboard', x: 40, y: 60, size: 24, color: '#111827' },
      { text: 'Invoice 4471 paid', x: 700, y: 500, size: 13, color: '#374151' },
    ]);
    const region = { x: 680, y: 470, w: 240, h: 44 };
    const whole = await ocr.read({ data: png }, { scale: 1 });
    for (const scale of [1, 2, 'auto'] as const) {
      const words = await ocr.read({ data: png }, { region, scale });
      expect(texts(words)).toEqual(['invoice', '4471', 'paid']);
      for (const w of words) {
        expect(w.box.x).toBeGreaterThanOrEqual(region.x);
        expect(w.box.y).toBeGreaterThanOrEqual(region.y);
        expect(w.box.x + w.box.w).toBeLessThanOrEqual(region.x + region.w);
        // Where the whole-frame read put the same word, within 2 px.
        const same = find(whole, texts([w])[0]!)!;
        expect(Math.abs(w.box.x - same.box.x)).toBeLessThanOrEqual(2);
        expect(Math.abs(w.box.y - same.box.y)).toBeLessThanOrEqual(2);
        expect(Math.abs(w.box.w - same.box.w)).toBeLessThanOrEqual(3);
      }
    }
  });

  it('takes raw pixels (RGBA with width and height) and clamps a region past the edge', async () => {
    const png = await renderFrame(400, 80, '#ffffff', [{ text: 'Raw pixels', x: 20, y: 50, size: 16, color: '#000000' }]);
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const words = await ocr.read({ data, width: info.width, height: info.height }, { region: { x: 0, y: 0, w: 10_000, h: 10_000 } });
    expect(texts(words)).toEqual(['raw', 'pixels']);
    expect(await ocr.read({ data, width: info.width, height: info.height }, { region: { x: 500, y: 0, w: 50, h: 50 } })).toEqual([]);
    await expect(ocr.read({ data, width: 401, height: 80 })).rejects.toThrow(/channels/);
  });
  it('says how each word looks, where asked: a selected tab (dark, bold) and one that is not (grey), the same words as without', async () => {
    const png = await renderFrame(640, 80, '#f5f6fa', [
      { text: 'Profile', x: 40, y: 45, size: 15, color: '#6b7280' },
      { text: 'Notifications', x: 140, y: 45, size: 15, color: '#1f2937', bold: true },
      { text: 'Billing', x: 290, y: 45, size: 15, color: '#ffffff', bold: true, fill: { color: '#4f46e5', x: 280, y: 22, w: 80, h: 32 } },
    ]);
    const plain = await ocr.read({ data: png }, { region: { x: 0, y: 10, w: 400, h: 50 } });
    const words = await ocr.read({ data: png }, { region: { x: 0, y: 10, w: 400, h: 50 }, looks: true });
    expect(words.map(({ look: _, ...w }) => w)).toEqual(plain);
    expect(plain.every((w) => w.look === undefined)).toBe(true);
    const lookOf = (text: string) => find(words, text)!.look!;
    const [profile, notifications, billing] = [lookOf('profile'), lookOf('notifications'), lookOf('billing')];
    // Grounds: the page's colour, or the button's fill.
    expect(profile.ground).toEqual([245, 246, 250]);
    expect(notifications.ground).toEqual([245, 246, 250]);
    expect(billing.ground).toEqual([79, 70, 229]);
    // Inks: near the text's colour (anti-aliasing pulls it a little towards the ground).
    for (const [look, ink] of [[profile, [107, 114, 128]], [notifications, [31, 41, 55]], [billing, [255, 255, 255]]] as const) {
      look.ink.forEach((c, i) => expect(Math.abs(c - ink[i]!)).toBeLessThanOrEqual(24));
    }
    // Bold strokes are wider.
    expect(notifications.stroke).toBeGreaterThan(1.3 * profile.stroke);
  });
});
