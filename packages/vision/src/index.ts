export { Inferrer, inferFrames, inferredTimeline, oneStepPerField, compare, type InferredFrame, type KeyframeReading, type Scene } from './infer.js';
export { toLines, samePlace, MIN_WORD_CONFIDENCE, type Line, type Word } from './lines.js';
export { findChrome, titleAbove, urlFromText, type BrowserChrome } from './chrome.js';
export { area, grow, union, intersection, mostlyInside, placeOf, type Box } from './geometry.js';
export { ScreenText } from './screen.js';
export { changedRegions, COMPARE_WIDTH, scaleBoxes, type GrayImage, type RegionOptions } from './regions.js';
export { planReads, type ReadPlan } from './plan.js';
export { readKeyframes, type KeyframeSource, type ReadOptions } from './session.js';
export { withoutPointer } from './pointer.js';
