/** bench:ocr's Reader for PP-OCR: detect lines, recognize them, split each line into words at its spaces. */
import { readFile } from 'node:fs/promises';
import type { Box } from '@claude-scope/ocr';
import sharp from 'sharp';
import type { ReadWord, Reader } from '../readers.js';
import { detect } from './detect.js';
import { loadModels, type Models, type Rgb } from './models.js';
import { recognize, type Line } from './recognize.js';

export interface PpocrOptions {
  /** Longest side of the detector's input (PaddleOCR det_limit_side_len 960, limit type 'max'). */
  detMaxSide: number;
  recBatch: number;
  recMinWidth: number;
  /** Word break at a background gap this wide relative to the crop's height (0.15); Infinity: predicted spaces only. */
  minGap: number;
}

/**
 * Words of a line: characters split at predicted spaces and at background gaps of at least `minGap` × the crop's
 * height (letters in a word are ≤ 0.10 apart on the bench's frames, words ≥ 0.19). A word's box runs from the
 * gap before it to the gap after it (at the line's ends: its first / last character's time step).
 */
export function words(line: Line, minGap: number): ReadWord[] {
  const gaps = line.gaps.filter((g) => g.rel >= minGap);
  const out: ReadWord[] = [];
  let run: Line['chars'] = [];
  let start: number | undefined;
  const flush = (end: number | undefined) => {
    if (run.length) {
      const x0 = Math.max(line.box.x, start ?? run[0]!.x0);
      const x1 = Math.min(line.box.x + line.box.w, end ?? run.at(-1)!.x1);
      out.push({ text: run.map((c) => c.ch).join(''), confidence: line.confidence, box: { x: x0, y: line.box.y, w: Math.max(1, x1 - x0), h: line.box.h } });
    }
    run = [];
  };
  let prev: Line['chars'][number] | undefined;
  for (const c of line.chars) {
    if (!c.ch.trim()) {
      flush(undefined);
      start = undefined;
    } else {
      if (prev && run.length) {
        const a = (prev.x0 + prev.x1) / 2;
        const b = (c.x0 + c.x1) / 2;
        const gap = gaps.find((g) => (g.x0 + g.x1) / 2 > a && (g.x0 + g.x1) / 2 < b);
        if (gap) {
          flush(gap.x0);
          start = gap.x1;
        }
      }
      run.push(c);
    }
    prev = c;
  }
  flush(undefined);
  return out;
}

export function ppocrReader(o: PpocrOptions): Reader {
  let models: Promise<Models> | undefined; // loaded on the first read (counted in warm-up, as the other readers' start)
  return {
    async read(file, region, scale) {
      const m = await (models ??= loadModels());
      const data = await readFile(file);
      const meta = await sharp(data).metadata();
      const area: Box = region ?? { x: 0, y: 0, w: meta.width!, h: meta.height! };
      const k = scale === 'auto' ? 1 : scale;
      const w = Math.round(area.w * k);
      const h = Math.round(area.h * k);
      let pipe = sharp(data).removeAlpha().extract({ left: area.x, top: area.y, width: area.w, height: area.h });
      if (k !== 1) pipe = pipe.resize(w, h, { fit: 'fill' });
      const img: Rgb = { data: await pipe.raw().toBuffer(), width: w, height: h };
      const boxes = await detect(m, img, { maxSide: o.detMaxSide });
      const lines = await recognize(m, img, boxes, { batch: o.recBatch, minWidth: o.recMinWidth });
      return lines.flatMap((l) => words(l, o.minGap)).map((wd) => ({ ...wd, box: { x: area.x + wd.box.x / k, y: area.y + wd.box.y / k, w: wd.box.w / k, h: wd.box.h / k } }));
    },
    childMaxRssKb: () => 0,
    close: async () => {
      const m = await models;
      await Promise.all([m?.det.release(), m?.rec.release()]);
    },
  };
}
