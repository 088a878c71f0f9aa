export { parseAriaSnapshot } from './parse.js';
export { diffTrees } from './diff.js';
export { countMarks } from './marks.js';
export { elementCounts, type ElementCounts } from './counts.js';
export { describeChanges } from './describe.js';
export { maskSecrets } from './mask.js';
export { MASK, maskSecretText } from './secret-text.js';
