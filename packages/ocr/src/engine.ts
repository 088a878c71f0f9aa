import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { parseTsv, type RawWord } from './tsv.js';

const require = createRequire(import.meta.url);

/**
 * English LSTM data shipped by the npm package @tesseract.js-data/eng: `4.0.0_best_int` (2.9 MB, LSTM only)
 * or `4.0.0` (10.9 MB, LSTM + legacy). Read from disk: no CDN, no cache file written.
 */
export type LangData = '4.0.0_best_int' | '4.0.0';

export function langDir(data: LangData): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), data);
}

/** Page segmentation: 3 = automatic (Tesseract's default), 11 = sparse text (scattered UI labels). */
export type PageSegMode = 3 | 11;

/**
 * How Tesseract makes the image black and white to find text: 'otsu', one threshold for the whole image
 * (its default), or 'sauvola', each pixel against its neighbourhood. Sauvola wins on raw screen pixels (a
 * dark header pulls Otsu's threshold until small grey text breaks apart); on flattened ones (dark text on
 * white everywhere) Otsu wins. See bench/results/ocr-engines.md.
 */
export type Binarization = 'otsu' | 'sauvola';

export interface EngineOptions {
  data?: LangData;
  psm?: PageSegMode;
  binarization?: Binarization;
}

export interface Engine {
  /** `scale`: how much the image was enlarged from screen pixels (sets the DPI Tesseract assumes). */
  recognize(image: Buffer, scale?: number): Promise<RawWord[]>;
  terminate(): Promise<void>;
}

/** Screen pixels carry no DPI; without one Tesseract guesses from the size (and warns). */
const SCREEN_DPI = 96;
/** Sauvola's sensitivity: lower keeps more of faint, thin strokes (measured 0.2 vs the default 0.34). */
const SAUVOLA_K = '0.2';

/**
 * One tesseract.js worker (a worker thread running Tesseract compiled to WebAssembly; the core's
 * .wasm comes from the tesseract.js-core package). Nothing is fetched: the language data is a local
 * path (tesseract.js only fetches when langPath is a URL or unset), images are passed as bytes, and in
 * Node the core is `require`d, never downloaded. A test runs it with the network unshared.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath: langDir(options.data ?? '4.0.0_best_int'),
    gzip: true,
    cacheMethod: 'none',
    workerBlobURL: false,
  });
  const sauvola = (options.binarization ?? 'otsu') === 'sauvola';
  await worker.setParameters({
    tessedit_pageseg_mode: String(options.psm ?? 11) as Tesseract.PSM,
    thresholding_method: sauvola ? '2' : '0',
    ...(sauvola ? { thresholding_kfactor: SAUVOLA_K } : {}),
    // Tesseract's own diagnostics ("Image too small to scale!!", "Detected 6 diacritics") would go to the
    // process's stderr as unstructured lines, once per read; into the WebAssembly file system's /dev/null.
    debug_file: '/dev/null',
  });
  let dpi = 0;
  return {
    async recognize(image, scale = 1) {
      const wanted = Math.round(SCREEN_DPI * scale);
      if (wanted !== dpi) {
        await worker.setParameters({ user_defined_dpi: String(wanted) });
        dpi = wanted;
      }
      const { data } = await worker.recognize(image, {}, { text: false, tsv: true });
      return parseTsv(data.tsv ?? '');
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
