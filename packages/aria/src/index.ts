export { parseAriaSnapshot } from './parse.js';
export { diffTrees } from './diff.js';
export { countMarks } from './marks.js';
