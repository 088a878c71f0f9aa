import { createEngine, type Engine, type EngineOptions } from './engine.js';
import { prepare, toInput, type Preparation } from './image.js';
import { lookAt } from './look.js';
import { WorkerPool } from './pool.js';
import type { Ocr, OcrImage, OcrWord, ReadOptions } from './types.js';
import { warmUpImage } from './warm-up.js';

export interface OcrOptions extends EngineOptions {
  /** Most recognitions at once = most Tesseract workers (each a thread with ~30–60 MB of its own). */
  concurrency: number;
  /** For measurement; the default 'flatten' is the measured best. */
  preparation?: Preparation;
}

/** An OCR reader over a bounded pool of tesseract.js workers; see the package README. */
export function createOcr(options: OcrOptions): Ocr {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  const { concurrency, preparation = 'flatten', ...engine } = options;
  const pool = new WorkerPool<Engine>(concurrency, () => createEngine(engine), (e) => e.terminate());

  const read = async (image: OcrImage, opts: ReadOptions = {}): Promise<OcrWord[]> => {
    // Preparing (sharp) happens outside the pool so a worker never waits on it.
    const p = await prepare(image, opts, preparation);
    if (!p) return [];
    const raw = await pool.use((e) => e.recognize(p.pgm, p.scale));
    return raw.map((w) => {
      const box = toInput(w.box, p);
      const look = p.rgb && lookAt(p.rgb, p.area.w, p.area.h, { ...box, x: box.x - p.area.x, y: box.y - p.area.y });
      return { text: w.text, confidence: w.conf / 100, box, line: w.line, ...(look ? { look } : {}) };
    });
  };

  return {
    read,
    // `concurrency` reads at once hold `concurrency` slots of the pool, so each lands on a worker of its own.
    async warmUp() {
      const data = await warmUpImage();
      return Promise.all(Array.from({ length: concurrency }, async () => (await read({ data })).length));
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
