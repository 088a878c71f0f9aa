export { capText, MAX_TEXT, TRUNCATED } from './cap.js';
export { isSecretField } from './field.js';
export { isMasked, MASK, REDACTED } from './mask.js';
export { maskScreenText, maskSecretText, type MaskTextOptions } from './text.js';
export { maskTypedValue } from './typed.js';
export { luhnValid } from './luhn.js';
export { loggableError, OMITTED } from './error.js';
