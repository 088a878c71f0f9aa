/**
 * CRNN/SVTR recognition with CTC (PaddleOCR's resize_norm_img + CTCLabelDecode): each box cropped, resized to height 48
 * keeping its aspect, boxes of similar aspect batched and right-padded to the batch's widest, normalized to [-1, 1],
 * decoded greedily (argmax per time step, repeats and blanks dropped). Confidence: the mean of the kept steps' maxima.
 */
import type { Box } from '@claude-scope/ocr';
import sharp from 'sharp';
import type { Models, Rgb } from './models.js';

const H = 48;

export interface Line {
  box: Box;
  text: string;
  confidence: number;
  /** The characters of `text`, each with its time step's span in x (image px), for word boxes. */
  chars: { ch: string; x0: number; x1: number }[];
  /** Background column runs between ink (image px), with their width relative to the box's height. */
  gaps: { x0: number; x1: number; rel: number }[];
}

/**
 * Runs of background columns in a crop (resized to height 48): the Chinese + English model often drops the space
 * between English words, so word breaks also come from the image. Background: the median gray of the top and bottom
 * rows; a column is ink where any pixel differs from it by more than 40.
 */
export function gaps(px: Buffer, w: number): { x0: number; x1: number }[] {
  const gray = (i: number) => (px[i * 3]! * 299 + px[i * 3 + 1]! * 587 + px[i * 3 + 2]! * 114) / 1000;
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(gray(x), gray((H - 1) * w + x));
  border.sort((a, b) => a - b);
  const bg = border[border.length >> 1]!;
  const out: { x0: number; x1: number }[] = [];
  let start = -1;
  let seenInk = false;
  for (let x = 0; x < w; x++) {
    let ink = false;
    for (let y = 0; y < H && !ink; y++) ink = Math.abs(gray(y * w + x) - bg) > 40;
    if (!ink && start < 0) start = x;
    if (ink) {
      if (start >= 0 && seenInk) out.push({ x0: start, x1: x });
      start = -1;
      seenInk = true;
    }
  }
  return out;
}

export interface RecognizeOptions {
  /** Boxes per run (PaddleOCR rec_batch_num 6). */
  batch: number;
  /** Narrowest batch width (PaddleOCR pads to at least 320 = its training width); 0 pads to the batch's widest only. */
  minWidth: number;
}

export async function recognize(m: Models, img: Rgb, boxes: Box[], o: RecognizeOptions): Promise<Line[]> {
  const { rec: session, chars } = m;
  const src = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  const crops = await Promise.all(
    boxes.map(async (box) => {
      const w = Math.max(1, Math.min(Math.ceil((H * box.w) / box.h), 2000));
      const px = await src.clone().extract({ left: box.x, top: box.y, width: box.w, height: box.h }).resize(w, H, { fit: 'fill' }).raw().toBuffer();
      return { box, w, px };
    }),
  );
  crops.sort((a, b) => a.w - b.w);
  const lines: Line[] = [];
  for (let i = 0; i < crops.length; i += o.batch) {
    const group = crops.slice(i, i + o.batch);
    const W = Math.max(o.minWidth, Math.ceil(group.at(-1)!.w / 8) * 8);
    const plane = H * W;
    const input = new Float32Array(group.length * 3 * plane); // zeros: the padding, as PaddleOCR pads after normalizing
    group.forEach((c, n) => {
      for (let ch = 0; ch < 3; ch++) {
        const s = 2 - ch; // BGR
        const base = (n * 3 + ch) * plane;
        for (let y = 0; y < H; y++) for (let x = 0; x < c.w; x++) input[base + y * W + x] = c.px[(y * c.w + x) * 3 + s]! / 127.5 - 1;
      }
    });
    const out = await session.run({ [session.inputNames[0]!]: m.tensor(input, [group.length, 3, H, W]) });
    const t = out[session.outputNames[0]!]!;
    const [, steps, classes] = t.dims as [number, number, number];
    const probs = t.data as Float32Array;
    group.forEach((c, n) => {
      let text = '';
      let sum = 0;
      const read: Line['chars'] = [];
      let prev = 0;
      const colsPerStep = W / steps;
      const k = c.box.w / c.w; // resized px → image px
      for (let s = 0; s < steps; s++) {
        const row = (n * steps + s) * classes;
        let best = 0;
        let p = probs[row]!;
        for (let j = 1; j < classes; j++) if (probs[row + j]! > p) (p = probs[row + j]!), (best = j);
        if (best !== 0 && best !== prev) {
          const ch = chars[best] ?? '';
          text += ch;
          sum += p;
          read.push({ ch, x0: c.box.x + s * colsPerStep * k, x1: c.box.x + (s + 1) * colsPerStep * k });
        }
        prev = best;
      }
      if (text.trim()) lines.push({ box: c.box, text, confidence: read.length ? sum / read.length : 0, chars: read, gaps: gaps(c.px, c.w).map((g) => ({ x0: c.box.x + g.x0 * k, x1: c.box.x + g.x1 * k, rel: (g.x1 - g.x0) / H })) });
    });
  }
  return lines;
}
