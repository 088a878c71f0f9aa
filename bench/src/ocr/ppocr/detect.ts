/**
 * DB text detection (PaddleOCR's DetResizeForTest + DBPostProcess, for upright UI text): resize so the longer side is
 * at most `maxSide` and both are multiples of 32, normalize, run, threshold the probability map, connected components
 * → boxes scored by their mean probability, grown by the DB unclip distance, mapped back to the image.
 */
import type { Box } from '@claude-scope/ocr';
import sharp from 'sharp';
import { components } from './components.js';
import type { Models, Rgb } from './models.js';

export interface DetectOptions {
  maxSide: number;
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh 0.3). */
  threshold?: number;
  /** Mean probability a box needs (det_db_box_thresh 0.6). */
  boxThreshold?: number;
  /** det_db_unclip_ratio 1.5: boxes grow by area × ratio / perimeter. */
  unclipRatio?: number;
}

// ImageNet mean / std, applied to B, G, R in that order, as PaddleOCR does on cv2's BGR images.
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export async function detect(m: Models, img: Rgb, o: DetectOptions): Promise<Box[]> {
  const session = m.det;
  const ratio = Math.min(1, o.maxSide / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * ratio) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * ratio) / 32) * 32);
  const px = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const src = 2 - c; // BGR order
    const m = MEAN[c]!;
    const s = STD[c]!;
    for (let i = 0; i < plane; i++) input[c * plane + i] = (px[i * 3 + src]! / 255 - m) / s;
  }
  const out = await session.run({ [session.inputNames[0]!]: m.tensor(input, [1, 3, h, w]) });
  const prob = out[session.outputNames[0]!]!.data as Float32Array;
  const kx = img.width / w;
  const ky = img.height / h;
  const boxes: Box[] = [];
  for (const c of components(prob, w, h, o.threshold ?? 0.3)) {
    const bw = c.x1 - c.x0 + 1;
    const bh = c.y1 - c.y0 + 1;
    if (Math.min(bw, bh) < 3 || c.score < (o.boxThreshold ?? 0.6)) continue;
    const d = (bw * bh * (o.unclipRatio ?? 1.5)) / (2 * (bw + bh));
    const x0 = Math.max(0, Math.floor((c.x0 - d) * kx));
    const y0 = Math.max(0, Math.floor((c.y0 - d) * ky));
    const x1 = Math.min(img.width, Math.ceil((c.x1 + 1 + d) * kx));
    const y1 = Math.min(img.height, Math.ceil((c.y1 + 1 + d) * ky));
    if (x1 - x0 >= 5 && y1 - y0 >= 5) boxes.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  return boxes;
}
