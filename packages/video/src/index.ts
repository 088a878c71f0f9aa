export { ChangeDetector, capSteps, type DetectorOptions, type Step } from './detector/index.js';
