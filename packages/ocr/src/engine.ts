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

export interface EngineOptions {
  data?: LangData;
  psm?: PageSegMode;
  /** Screen pixels carry no DPI; without one Tesseract guesses from the image size (and warns). */
  dpi?: number;
}

export interface Engine {
  recognize(pgm: Buffer): Promise<RawWord[]>;
  terminate(): Promise<void>;
}

/**
 * One tesseract.js worker (a worker thread running Tesseract compiled to WebAssembly; the core's
 * .wasm comes from the tesseract.js-core package). Nothing is fetched: the language data is a local
 * path (tesseract.js only fetches when langPath is a URL or unset), images are passed as bytes, and in
 * Node the core is `require`d, never downloaded. The test suite runs it with the network unshared.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath: langDir(options.data ?? '4.0.0_best_int'),
    gzip: true,
    cacheMethod: 'none',
    workerBlobURL: false,
  });
  await worker.setParameters({
    tessedit_pageseg_mode: String(options.psm ?? 11) as Tesseract.PSM,
    user_defined_dpi: String(options.dpi ?? 96),
  });
  return {
    async recognize(pgm) {
      const { data } = await worker.recognize(pgm, {}, { text: false, tsv: true });
      return parseTsv(data.tsv ?? '');
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
