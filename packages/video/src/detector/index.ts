export { ChangeDetector } from './detector.js';
export type { DetectorOptions } from './options.js';
export { capSteps, type Step } from './steps.js';
