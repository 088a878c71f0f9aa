export { createOcr, type OcrOptions } from './ocr.js';
export { autoScale } from './scale.js';
export { prepare, toInput, type Preparation, type Prepared } from './image.js';
export { parseTsv, type RawWord } from './tsv.js';
export { createEngine, langDir, type Binarization, type Engine, type EngineOptions, type LangData, type PageSegMode } from './engine.js';
export { lookAt } from './look.js';
export type { Box, Look, Ocr, OcrImage, OcrStats, OcrWord, ReadOptions } from './types.js';
