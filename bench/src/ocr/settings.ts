import type { Binarization, LangData, PageSegMode, Preparation } from '@claude-scope/ocr';

export interface Setting {
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
};
