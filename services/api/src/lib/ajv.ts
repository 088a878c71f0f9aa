import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { findUnstorableText } from '@claude-scope/contracts';

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

/**
 * Compiles `schema` with the contract's text rule on top: once the schema passes, no string anywhere in
 * the value (nor an object key) may hold U+0000 or a lone surrogate, which Postgres cannot store. One rule
 * for every body, querystring and path parameter (and the upload's form fields), so a route added later
 * cannot forget it. Its error reads like ajv's own (`notes must not contain U+0000`).
 */
export function compileValidator(ajv: Ajv, schema: object): ValidateFunction {
  const validate = ajv.compile(schema);
  const checked = ((data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const bad = findUnstorableText(data);
    checked.errors = bad ? [textError(bad.instancePath, bad.message)] : null;
    return !bad;
  }) as ValidateFunction;
  checked.schema = validate.schema;
  return checked;
}

const textError = (instancePath: string, message: string): ErrorObject => ({
  keyword: 'storableText',
  instancePath,
  schemaPath: '#/storableText',
  params: {},
  message,
});
