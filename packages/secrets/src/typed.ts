import { isSecretField } from './field.js';
import { MASK } from './mask.js';
import { maskSecretText, type MaskTextOptions } from './text.js';

/**
 * A value typed into a field, as it may be stored or shown: the whole value when the field's label says it holds
 * a secret, else the value with any secret inside it masked. Empty stays empty (nothing was typed).
 */
export function maskTypedValue(fieldLabel: string | null | undefined, value: string, options: MaskTextOptions = {}): string {
  if (value === '') return value;
  return isSecretField(fieldLabel) ? (options.mask ?? MASK) : maskSecretText(value, options);
}
