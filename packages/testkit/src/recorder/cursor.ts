import type { RgbImage } from './png.js';

/** Sprites at 1×: '#' black, 'o' white, ' ' transparent; `hot` is the pixel that points. */
interface Sprite {
  rows: string[];
  hot: { x: number; y: number };
}

const ARROW: Sprite = {
  hot: { x: 0, y: 0 },
  rows: [
    '#', '##', '#o#', '#oo#', '#ooo#', '#oooo#', '#ooooo#', '#oooooo#', '#ooooooo#', '#oooooooo#', '#ooooooooo#',
    '#oooooooooo#', '#oooooo#####', '#ooo#oo#', '#oo##oo#', '#o#  #oo#', '##   #oo#', '      #oo#', '      ##',
  ],
};

/** The pointing hand shown over links and buttons (computed `cursor: pointer`). */
const HAND: Sprite = {
  hot: { x: 5, y: 0 },
  rows: [
    '     ##', '    #oo#', '    #oo#', '    #oo#', '    #oo###', '    #oo#oo##', '    #oo#oo#oo#', ' ## #oo#oo#oo##',
    '#oo##oooooooo#o#', '#ooo#oooooooooo#', ' #oooooooooooooo#', '  #ooooooooooooo#', '  #oooooooooooo#', '   #ooooooooooo#',
    '   #oooooooooo#', '    #ooooooooo#', '    ###########',
  ],
};

/** The I-beam shown over text fields. */
const IBEAM: Sprite = {
  hot: { x: 3, y: 8 },
  rows: [
    'ooo ooo', 'o##o##o', 'ooo#ooo', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o', '  o#o',
    '  o#o', 'ooo#ooo', 'o##o##o', 'ooo ooo',
  ],
};

export type PointerShape = 'arrow' | 'hand' | 'text';
const SPRITES: Record<PointerShape, Sprite> = { arrow: ARROW, hand: HAND, text: IBEAM };

/** A box in page CSS pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Everything the recorder draws on top of the captured page: none of it is part of the UI's state, so
 * none of it is in the ground truth (a frame where only this changes is a pointer-only frame).
 */
export interface PointerLayer {
  /** Pointer hotspot in page CSS pixels. */
  x: number;
  y: number;
  /** Its sprite; null where the capture draws no pointer (a browser's tab capture): hover and caret still show. */
  shape: PointerShape | null;
  /** The element under the pointer, highlighted as a :hover rule would; links get an underline in their colour. */
  hover: Hover | null;
  /** The text caret while it is in the "on" half of its blink. */
  caret: { x: number; y: number; h: number; color: string } | null;
}

export interface Hover extends Box {
  style: 'link' | 'menu' | 'row' | 'button';
  underline?: string;
}

/** How far a hover moves a pixel (gray levels): a faint row shade up to a clear button shade. */
const SHADE = { row: 14, button: 30 } as const;
/** Menu items and options are highlighted with the accent, as most menus do. */
const ACCENT: [number, number, number] = [79, 70, 229];

/** Where page CSS pixels land in the output: `scale` output pixels each, below `top` rows of browser chrome. */
export interface Placement {
  scale: number;
  top: number;
}

/** A string that changes exactly when the drawn layer would. */
export function layerKey(l: PointerLayer, p: Placement): string {
  const r = (n: number) => Math.round(n * p.scale);
  const h = l.hover ? `${r(l.hover.x)},${r(l.hover.y)},${r(l.hover.w)},${r(l.hover.h)},${l.hover.style},${l.hover.underline ?? ''}` : '';
  const c = l.caret ? `${r(l.caret.x)},${r(l.caret.y)},${r(l.caret.h)},${l.caret.color}` : '';
  // An undrawn pointer moving changes no pixel.
  return `${l.shape ? `${r(l.x)},${r(l.y)},${l.shape}` : 'none'}|${h}|${c}`;
}

/**
 * Copies the content into `out` and draws the pointer layer over it. Drawn here rather than in the page
 * so it never alters the DOM, layout or ARIA tree, and the recorder knows exactly which pixels are
 * "only the pointer" (position, shape, hover highlight, caret) and which are the UI changing.
 */
export function composeFrame(content: RgbImage, out: Buffer, layer: PointerLayer, p: Placement): void {
  content.data.copy(out);
  const { width, height } = content;
  const px = (x: number) => Math.round(x * p.scale);
  const py = (y: number) => Math.round(y * p.scale) + p.top;
  if (layer.hover) {
    const b = layer.hover;
    const x0 = Math.max(0, px(b.x)), x1 = Math.min(width, px(b.x + b.w));
    const y0 = Math.max(p.top, py(b.y)), y1 = Math.min(height, py(b.y + b.h));
    if (b.underline) {
      const rgb = parseRgb(b.underline);
      fillRect(out, width, height, x0, py(b.y + b.h) - Math.max(1, Math.round(p.scale * 2)), x1, py(b.y + b.h) - Math.max(1, Math.round(p.scale)), rgb);
    } else if (b.style === 'menu') {
      // 30 % of the accent over the item, text included.
      for (let y = y0; y < y1; y++) {
        for (let o = (y * width + x0) * 3, end = (y * width + x1) * 3; o < end; o += 3) {
          for (let c = 0; c < 3; c++) out[o + c] = Math.round(out[o + c]! * 0.7 + ACCENT[c]! * 0.3);
        }
      }
    } else {
      // A hover background: light pixels a shade darker, dark ones a shade lighter (works in both themes).
      const d = SHADE[b.style === 'row' ? 'row' : 'button'];
      for (let y = y0; y < y1; y++) {
        for (let o = (y * width + x0) * 3, end = (y * width + x1) * 3; o < end; o++) {
          const v = out[o]!;
          out[o] = v > 127 ? v - d : v + d;
        }
      }
    }
  }
  if (layer.caret) {
    const c = layer.caret;
    const w = Math.max(1, Math.round(p.scale));
    fillRect(out, width, height, px(c.x), py(c.y), px(c.x) + w, py(c.y + c.h), parseRgb(c.color));
  }
  if (layer.shape) drawSprite(out, width, height, SPRITES[layer.shape], px(layer.x), py(layer.y), p.scale * 1.25); // a touch larger than 1×, as screen recorders render it
}

function drawSprite(out: Buffer, width: number, height: number, s: Sprite, x: number, y: number, size: number): void {
  const ox = x - Math.round(s.hot.x * size), oy = y - Math.round(s.hot.y * size);
  const h = Math.ceil(s.rows.length * size), w = Math.ceil(Math.max(...s.rows.map((r) => r.length)) * size);
  for (let dy = 0; dy < h; dy++) {
    const yy = oy + dy;
    if (yy < 0 || yy >= height) continue;
    const row = s.rows[Math.floor(dy / size)] ?? '';
    for (let dx = 0; dx < w; dx++) {
      const xx = ox + dx;
      if (xx < 0 || xx >= width) continue;
      const c = row[Math.floor(dx / size)];
      if (c !== '#' && c !== 'o') continue;
      const v = c === '#' ? 0 : 255;
      const o = (yy * width + xx) * 3;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
  }
}

function fillRect(out: Buffer, width: number, height: number, x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]): void {
  for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const o = (y * width + x) * 3;
      out[o] = rgb[0];
      out[o + 1] = rgb[1];
      out[o + 2] = rgb[2];
    }
  }
}

function parseRgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

export interface Point {
  x: number;
  y: number;
}

/** Smooth start and stop, like a hand moving a mouse. */
export const easeInOut = (p: number) => (p < 0.5 ? 2 * p * p : 1 - (-2 * p + 2) ** 2 / 2);

/** A point on the quadratic Bézier from `a` to `b` bent through `control`. */
export function bezier(a: Point, control: Point, b: Point, p: number): Point {
  const q = 1 - p;
  return { x: q * q * a.x + 2 * q * p * control.x + p * p * b.x, y: q * q * a.y + 2 * q * p * control.y + p * p * b.y };
}
