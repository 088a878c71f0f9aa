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
  ['eyJ dots', fill('.'.repeat(8000) + 'a ', 'eyJ')],
  ['eyJ dots, repeated', fill(`eyJ${'.'.repeat(8000)}a `)],
  ['password: ))))', fill(`password: ${')'.repeat(1000)}x `)],
  ['password: ((((', fill(`password: ${'('.repeat(1000)}x `)],
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

/** Every match of a global pattern, as String.replace would find them (an empty match still moves on). */
function scan(pattern: RegExp, input: string): number {
  const re = new RegExp(pattern.source, pattern.flags);
  let n = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    n++;
    if (m[0] === '') re.lastIndex++;
  }
  return n;
}

/**
 * CPU milliseconds one run took (process CPU time, not wall time: a machine busy with other work does not slow
 * what is measured), measured twice when over the bound.
 */
function timed(run: () => unknown): number {
  const once = () => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const first = once();
  return first < BOUND_MS ? first : Math.min(first, once());
}

describe('linear time on 1 MB adversarial inputs', () => {
  for (const rule of RULES) {
    it(`rule ${rule.name}: its pattern alone, and the rule`, () => {
      for (const [name, input] of ADVERSARIAL) {
        expect(timed(() => scan(rule.pattern, input)), `${rule.name}'s pattern on ${name}`).toBeLessThan(BOUND_MS);
        expect(timed(() => rule.apply(input, MASK)), `${rule.name} on ${name}`).toBeLessThan(BOUND_MS);
      }
    });
  }

  it('the secret-field pattern', () => {
    for (const [name, input] of ADVERSARIAL) {
      expect(timed(() => FIELD_PATTERN.test(input)), name).toBeLessThan(BOUND_MS);
      expect(timed(() => isSecretField(input)), name).toBeLessThan(BOUND_MS);
    }
  });

  // Each rule above already ran on the whole 1 MB; the masker as callers use it caps first (MAX_TEXT).
  it('the whole masker', () => {
    for (const [name, input] of ADVERSARIAL) expect(timed(() => maskSecretText(input)), name).toBeLessThan(BOUND_MS);
  });
});
