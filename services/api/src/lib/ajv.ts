import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export lands on .default under NodeNext.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** The API's ajv: no coercion unless asked, formats (email, uri, …) as the routes check them. */
export function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    // The contract: unknown fields are rejected (never stripped), wrong types rejected (never coerced).
    removeAdditional: false,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: false,
    allErrors: false,
    verbose: true,
    strict: false, // minLength/maxLength count Unicode code points (ajv default)
  });
  addFormats(ajv);
  return ajv;
}
