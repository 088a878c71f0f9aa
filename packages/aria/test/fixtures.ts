import { readFileSync } from 'node:fs';
import type { AriaNode } from '@claude-scope/contracts';
import { parseAriaSnapshot } from '../src/index.js';

/** Raw text of test/fixtures/<name>.yaml (captured from real Chromium by scripts/capture-fixtures.ts). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8');
}

export function fixture(name: string): AriaNode[] {
  return parseAriaSnapshot(fixtureText(name));
}

/** Depth-first search for the first node with this role (and name, if given). */
export function find(tree: readonly AriaNode[], role: string, name?: string): AriaNode | undefined {
  for (const node of tree) {
    if (node.role === role && (name === undefined || node.name === name)) return node;
    const inner = find(node.children ?? [], role, name);
    if (inner) return inner;
  }
  return undefined;
}
