/** A rectangle in pixels: left, top, width, height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * An image to read: an encoded image (PNG, JPEG, WebP… whatever sharp decodes), or raw pixels when
 * `width` and `height` are given (1 channel gray, 3 RGB or 4 RGBA, row-major, no padding).
 */
export interface OcrImage {
  data: Buffer;
  width?: number;
  height?: number;
}

export interface ReadOptions {
  /** Read only this part of the image (clamped to it). Boxes still come back in the image's pixels. */
  region?: Box;
  /** Upscale factor before recognition; 'auto' (the default) picks it from the read area's size (see scale.ts). */
  scale?: number | 'auto';
  /** Also say how each word looks (`OcrWord.look`): its colours, from the area's RGB pixels. */
  looks?: boolean;
}

/** A word's colours (0–255 RGB) and its strokes' width; see look.ts. */
export interface Look {
  /** The colour it sits on: the commonest in its box. */
  ground: [number, number, number];
  /** Its strokes' colour: the pixels farthest from the ground. */
  ink: [number, number, number];
  /** Its strokes' mean width along a row, in pixels (bold is wider). */
  stroke: number;
}

export interface OcrWord {
  text: string;
  /** The engine's word confidence, 0–1. */
  confidence: number;
  /** In the input image's pixels: the region's offset and the scale are undone. */
  box: Box;
  /** Index of the word's text line in this read, in reading order, from 0. */
  line: number;
  /** With `ReadOptions.looks`. */
  look?: Look;
}

export interface OcrStats {
  /** Tesseract workers alive now (created on demand, never more than `concurrency`). */
  workers: number;
  /** Recognitions running now, and the most that ever ran at once. */
  running: number;
  peakRunning: number;
  /** Reads waiting for a worker. */
  queued: number;
}

export interface Ocr {
  read(image: OcrImage, options?: ReadOptions): Promise<OcrWord[]>;
  stats(): OcrStats;
  /**
   * Starts every worker of the pool and has each read a small image of UI text (assets/warm-up.png) once, so
   * that V8's optimizing compiles of Tesseract's WebAssembly (2–3 s of CPU in a fresh process) are paid now
   * rather than by the first session's reads. A blank image does not do it: recognition never runs. Meant for a
   * process's start, before reads arrive (reads already in flight would share workers with it). Resolves with
   * the words each worker read.
   */
  warmUp(): Promise<number[]>;
  /** Ends the workers; reads still queued reject. */
  close(): Promise<void>;
}
