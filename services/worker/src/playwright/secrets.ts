import type { Locator, Page } from 'playwright-core';
import type { AriaNode } from '@claude-scope/contracts';
import { MASK, maskSecrets } from '@claude-scope/aria';

// Shorter typed values are masked only where they are a field's whole value: as substrings they would
// blank out ordinary words elsewhere in the tree.
const MIN_SUBSTRING = 4;

/**
 * The stored tree, secrets masked: maskSecrets recognises password fields by their label (the snapshot does
 * not say type=password), so the values actually typed into password inputs are masked too, wherever they show.
 */
export async function maskTree(page: Page, tree: AriaNode[]): Promise<AriaNode[]> {
  const masked = maskSecrets(tree);
  const secrets = await passwordValues(page);
  return secrets.length ? masked.map((n) => maskValues(n, secrets)) : masked;
}

async function passwordValues(page: Page): Promise<string[]> {
  const values = await page
    .locator('input[type=password]')
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))
    .catch(() => [] as string[]);
  return [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
}

function maskValues(node: AriaNode, secrets: string[]): AriaNode {
  const out: AriaNode = { ...node };
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'string' || key === 'role' || key === 'diffStatus') continue;
    out[key] = maskString(value, secrets);
  }
  if (node.children) out.children = node.children.map((c) => maskValues(c, secrets));
  return out;
}

function maskString(value: string, secrets: string[]): string {
  let s = value;
  for (const secret of secrets) {
    if (s === secret) return MASK;
    if (secret.length >= MIN_SUBSTRING) s = s.split(secret).join(MASK);
  }
  return s;
}

/** Whether a fill target is a password input: its typed value is then not kept in the stored step either. */
export function isPasswordInput(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el instanceof HTMLInputElement && el.type === 'password').catch(() => false);
}
