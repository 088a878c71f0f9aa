export { ChangeDetector, type PointerSample } from './detector.js';
export type { DetectorOptions } from './options.js';
export { capStates, type TypedPeek, type UiState } from './states.js';
