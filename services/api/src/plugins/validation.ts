import type { ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { READ_ONLY_FIELDS } from '@claude-scope/contracts';
import { compileValidator, makeAjv } from '../lib/ajv.js';

/**
 * Every part with a schema also passes the text rule (no U+0000, no lone surrogates: see lib/ajv.ts).
 * JSON bodies are validated strictly; querystrings and params are strings on the wire, so those
 * (and only those) are coerced to the schema's number/boolean types.
 */
export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    compileValidator(httpPart === 'body' ? strict : coercing, schema as object),
  );
  app.setSchemaErrorFormatter((errors, dataVar) => {
    const err = new Error(formatValidationError(errors as ErrorObject[], dataVar)) as Error & { statusCode: number };
    err.statusCode = 400;
    return err;
  });
}

const READ_ONLY = new Set<string>(READ_ONLY_FIELDS);

/**
 * `/urls/0` → `urls[0]`; the part itself is named by `dataVar` (body, querystring…). With a `root`
 * (e.g. `timeline[3]`), paths are relative to it: `timeline[3].url`.
 */
function fieldPath(instancePath: string, dataVar: string, root?: string): string {
  if (!instancePath) return root ?? dataVar;
  const rel = instancePath
    .slice(1)
    .split('/')
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
  return root ? `${root}${rel.startsWith('[') ? '' : '.'}${rel}` : rel;
}

/**
 * One clear sentence naming the field and the rule, e.g. `title must NOT have more than 500 characters`.
 * For a union (nullable fields, enums) the branch that matches the value's type explains the failure best.
 */
export function formatValidationError(errors: ErrorObject[], dataVar = 'body', root?: string): string {
  const relevant =
    errors.find((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null')) ?? errors[0];
  if (!relevant) return `${dataVar} is invalid`;
  const base = fieldPath(relevant.instancePath, dataVar, root);
  const prefix = relevant.instancePath || root ? `${base}.` : '';
  switch (relevant.keyword) {
    case 'additionalProperties': {
      const field = String(relevant.params.additionalProperty);
      return READ_ONLY.has(field) ? `${prefix}${field} is read-only` : `${prefix}${field} is not an allowed field`;
    }
    case 'required':
      return `${prefix}${String(relevant.params.missingProperty)} is required`;
    case 'enum':
      return `${base} must be one of ${(relevant.params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern': {
      const hint = (relevant.parentSchema as { 'x-message'?: string } | undefined)?.['x-message'];
      return `${base} ${hint ?? relevant.message}`;
    }
    default:
      return `${base} ${relevant.message ?? 'is invalid'}`;
  }
}
