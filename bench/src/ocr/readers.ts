/** One Reader per engine: reads a frame or a region of it and says how long it took. */
import { readFile } from 'node:fs/promises';
import { createEngine, createOcr, parseTsv, prepare, toInput, type Box, type Engine, type OcrImage } from '@claude-scope/ocr';
import { execa } from 'execa';
import sharp from 'sharp';
import { ppocrReader } from './ppocr/reader.js';
import type { Setting, TesseractSetting } from './settings.js';

export interface ReadWord {
  text: string;
  confidence: number;
  box: Box;
}

export interface Reader {
  read(file: string, region: Box | undefined, scale: number | 'auto'): Promise<ReadWord[]>;
  /** Peak RSS (KB) of the engine's own processes, where they are not this one. */
  childMaxRssKb(): number;
  close(): Promise<void>;
}

/** The package as the lane uses it: createOcr, one worker (settings as options). */
function packageReader(s: TesseractSetting): Reader {
  const ocr = createOcr({ concurrency: s.concurrency ?? 1, psm: s.psm, data: s.data, binarization: s.binarization, preparation: s.prep === 'colour' ? 'flatten' : s.prep });
  return {
    read: async (file, region, scale) => ocr.read({ data: await readFile(file) }, { ...(region ? { region } : {}), scale }),
    childMaxRssKb: () => 0,
    close: () => ocr.close(),
  };
}

/** tesseract.js on the colour pixels (cropped and upscaled only): what the package's preparation is measured against. */
function colourReader(s: TesseractSetting): Reader {
  let engine: Engine | undefined; // created on the first read, as the package's pool does (counted in warm-up)
  return {
    async read(file, region, scale) {
      engine ??= await createEngine({ psm: s.psm, data: s.data, binarization: s.binarization });
      const data = await readFile(file);
      const meta = await sharp(data).metadata();
      const area = region ?? { x: 0, y: 0, w: meta.width!, h: meta.height! };
      const k = scale === 'auto' ? 1 : scale;
      const png = await sharp(data)
        .extract({ left: area.x, top: area.y, width: area.w, height: area.h })
        .resize(Math.round(area.w * k), Math.round(area.h * k))
        .png({ compressionLevel: 1 })
        .toBuffer();
      return (await engine.recognize(png, k)).map((w) => ({ text: w.text, confidence: w.conf / 100, box: toInput(w.box, { area, scale: k }) }));
    },
    childMaxRssKb: () => 0,
    close: async () => engine?.terminate(),
  };
}

/** Debian's `tesseract` CLI, one process per read, fed the package's prepared PGM on stdin. */
function cliReader(s: TesseractSetting): Reader {
  let maxRss = 0;
  return {
    async read(file, region, scale) {
      const image: OcrImage = { data: await readFile(file) };
      const p = await prepare(image, { ...(region ? { region } : {}), scale }, s.prep === 'colour' ? 'flatten' : s.prep);
      if (!p) return [];
      // The same Tesseract parameters as the package's engine (engine.ts).
      const binarize = s.binarization === 'sauvola' ? ['-c', 'thresholding_method=2', '-c', 'thresholding_kfactor=0.2'] : [];
      const dpi = String(Math.round(96 * p.scale));
      const r = await execa('/usr/bin/time', ['-f', 'maxrss=%M', 'tesseract', 'stdin', 'stdout', '--oem', '1', '--psm', String(s.psm), '--dpi', dpi, '-l', 'eng', ...binarize, 'tsv'], {
        input: p.pgm,
        encoding: 'utf8',
      });
      maxRss = Math.max(maxRss, Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0));
      return parseTsv(r.stdout).map((w) => ({ text: w.text, confidence: w.conf / 100, box: toInput(w.box, p) }));
    },
    childMaxRssKb: () => maxRss,
    close: async () => {},
  };
}

export function makeReader(s: Setting): Reader {
  if (s.engine === 'ppocr') return ppocrReader(s);
  if (s.engine === 'tesseract-cli') return cliReader(s);
  return s.prep === 'colour' ? colourReader(s) : packageReader(s);
}
