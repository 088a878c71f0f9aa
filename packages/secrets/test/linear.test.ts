import { describe, expect, it } from 'vitest';
import { FIELD_PATTERN } from '../src/field.js';
import { isSecretField, MASK, maskSecretText } from '../src/index.js';
import { RULES } from '../src/rules.js';

/**
 * A regression guard against super-linear patterns, not a timing test: 1 MB of text built to make a backtracking
 * pattern retry at every position. A quadratic pattern takes minutes on these; a linear one, milliseconds.
 */
const MB = 1 << 20;
const fill = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil(MB / unit.length)) + suffix;

const ADVERSARIAL: [string, string][] = [
  ['a-', fill('a-')],
  ['a:', fill('a:')],
  ['a=', fill('a=')],
  ['=', fill('=')],
  ['@', fill('@')],
  ['a@', fill('a@')],
  [':// ', fill('a://a:')],
  ['digits', fill('1')],
  ['digits with spaces', fill('1 ')],
  ['digit groups', fill('4111 ')],
  ['digit groups dashed', fill('4111-1111-')],
  ['BEGIN without END', fill('-----BEGIN RSA PRIVATE KEY-----\n')],
  ['BEGIN prefix', fill('-----BEGIN ')],
  ['eyJ a.', fill('a.', 'eyJ')],
  ['eyJ runs', fill('eyJ')],
  ['eyJ-', fill('eyJ-')],
  ['password=', fill('password=')],
  ['password ', fill('password ')],
  ['pass', fill('pass')],
  ['pw-', fill('pw-')],
  ['"password":"', fill('"password":"')],
  ["key='", fill("key='")],
  ['Bearer', fill('Bearer ')],
  ['Basic', fill('Basic ')],
  ['Authorization:', fill('Authorization: ')],
  ['Cookie:', fill('Cookie: a=b; ')],
  ['fill "', fill('fill textbox "Password" with "')],
  ['sk-', fill('sk-')],
  ['ghp_', fill('ghp_')],
  ['xoxb-', fill('xoxb-')],
  ['AKIA', fill('AKIA')],
  ['random', fill('aB3')],
  ['random with slashes', fill('aB3/')],
  ['https://u:', fill('https://u:')],
  ['spaces', fill(' ')],
  ['newlines', fill('\n')],
];

const BOUND_MS = 1000;

/** Milliseconds one run took; measured twice when over the bound, so a busy machine cannot fail a linear rule. */
function timed(run: () => unknown): number {
  const once = () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
  const first = once();
  return first < BOUND_MS ? first : Math.min(first, once());
}

describe('linear time on 1 MB adversarial inputs', () => {
  for (const rule of RULES) {
    it(`rule ${rule.name}`, () => {
      for (const [name, input] of ADVERSARIAL) {
        const ms = timed(() => rule.apply(input, MASK));
        expect(ms, `${rule.name} on ${name}`).toBeLessThan(BOUND_MS);
      }
    });
  }

  it('the secret-field pattern', () => {
    for (const [name, input] of ADVERSARIAL) {
      expect(timed(() => FIELD_PATTERN.test(input)), name).toBeLessThan(BOUND_MS);
      expect(timed(() => isSecretField(input)), name).toBeLessThan(BOUND_MS);
    }
  });

  it('the whole masker, uncapped and capped', () => {
    for (const [name, input] of ADVERSARIAL) {
      expect(timed(() => maskSecretText(input, { max: MB * 2 })), `uncapped ${name}`).toBeLessThan(BOUND_MS);
      expect(timed(() => maskSecretText(input)), `capped ${name}`).toBeLessThan(BOUND_MS);
    }
  });
});
