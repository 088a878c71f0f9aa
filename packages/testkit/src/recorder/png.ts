import { inflateSync } from 'node:zlib';

export interface RgbImage {
  width: number;
  height: number;
  /** Packed rgb24, row-major: exactly what ffmpeg's rawvideo rgb24 expects. */
  data: Buffer;
}

/**
 * Decodes the PNGs Chromium produces (8-bit RGB or RGBA, not interlaced) into rgb24.
 * Hand-rolled so the recorder can compare frames and draw the cursor without an image dependency.
 */
export function decodePng(png: Buffer): RgbImage {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8], colorType = body[9], interlace = body[12];
      if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(`unsupported PNG: depth ${depth}, color type ${colorType}, interlace ${interlace}`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  // One output chunk: the default 16 KB chunks make inflate 3x slower on multi-megabyte frames.
  const raw = inflateSync(Buffer.concat(idat), { chunkSize: Math.max(1 << 16, (width * channels + 1) * height) });
  const stride = width * channels;
  const out = Buffer.allocUnsafe(width * height * 3);
  let prev = new Uint8Array(stride);
  let cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    unfilter(filter!, line, prev, cur, channels);
    if (channels === 3) out.set(cur, y * width * 3);
    else for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
      out[o] = cur[x * 4]!;
      out[o + 1] = cur[x * 4 + 1]!;
      out[o + 2] = cur[x * 4 + 2]!;
    }
    [prev, cur] = [cur, prev];
  }
  return { width, height, data: out };
}

// Hot loop (a 1080p frame is 6 MB): the first pixel of each row is handled apart so the rest runs branch-free.
function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, cur: Uint8Array, bpp: number): void {
  const n = line.length;
  switch (filter) {
    case 0:
      cur.set(line);
      return;
    case 1:
      for (let i = 0; i < bpp; i++) cur[i] = line[i]!;
      for (let i = bpp; i < n; i++) cur[i] = (line[i]! + cur[i - bpp]!) & 255;
      return;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = (line[i]! + prev[i]!) & 255;
      return;
    case 3:
      for (let i = 0; i < bpp; i++) cur[i] = (line[i]! + (prev[i]! >> 1)) & 255;
      for (let i = bpp; i < n; i++) cur[i] = (line[i]! + ((cur[i - bpp]! + prev[i]!) >> 1)) & 255;
      return;
    case 4:
      for (let i = 0; i < bpp; i++) cur[i] = (line[i]! + prev[i]!) & 255;
      for (let i = bpp; i < n; i++) {
        const a = cur[i - bpp]!, b = prev[i]!, c = prev[i - bpp]!;
        let pa = b - c, pb = a - c, pc = pa + pb;
        if (pa < 0) pa = -pa;
        if (pb < 0) pb = -pb;
        if (pc < 0) pc = -pc;
        cur[i] = (line[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255;
      }
      return;
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}
