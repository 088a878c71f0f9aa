import sharp from 'sharp';

/** A piece of text drawn at a known place: `x`, `y` is the left end of its baseline. */
export interface Label {
  text: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** A filled rectangle behind the text (a button), in frame pixels. */
  fill?: { color: string; x: number; y: number; w: number; h: number };
  bold?: boolean;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A UI-like frame rendered from SVG by sharp (librsvg, DejaVu Sans as in the testkit's Chromium): PNG bytes. */
export async function renderFrame(width: number, height: number, background: string, labels: Label[]): Promise<Buffer> {
  const body = labels
    .map((l) => {
      const rect = l.fill ? `<rect x="${l.fill.x}" y="${l.fill.y}" width="${l.fill.w}" height="${l.fill.h}" rx="6" fill="${l.fill.color}"/>` : '';
      return `${rect}<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans" font-size="${l.size}"${l.bold ? ' font-weight="bold"' : ''} fill="${l.color}">${esc(l.text)}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
