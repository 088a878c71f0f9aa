export { parseAriaSnapshot } from './parse.js';
