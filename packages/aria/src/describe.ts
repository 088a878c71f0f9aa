import type { AriaNode } from '@claude-scope/contracts';
import { effectiveChildren } from './identity.js';
import { maskSecretText } from './secret-text.js';
import { isWrapper, label, truncate } from './tree.js';

interface Event {
  status: 'added' | 'removed' | 'changed';
  node: AriaNode;
  context: AriaNode | null;
}

/**
 * Short sentences for the marks of a diffed tree, in tree order. An added or removed subtree is
 * told once, by its top node; same-role siblings that came or went together are counted in one
 * sentence (`3 listitems added to list "Todos"`). Renames, texts and a spinbutton's or slider's
 * number are told before → after (`spinbutton "Quantity" 1 → 2`); other values are never quoted,
 * only said to change, and quoted names and texts go through maskSecretText in case the tree was not masked.
 */
export function describeChanges(markedTree: readonly AriaNode[]): string[] {
  const events: Event[] = [];
  collect(markedTree, null, events);
  const order: (Event | Event[])[] = [];
  const groups = new Map<AriaNode | null, Map<string, Event[]>>();
  for (const event of events) {
    if (event.status === 'changed') {
      order.push(event);
      continue;
    }
    const byKey = groups.get(event.context) ?? new Map<string, Event[]>();
    groups.set(event.context, byKey);
    const key = `${event.status}\u0000${event.node.role}`;
    const group = byKey.get(key);
    if (group) group.push(event);
    else {
      byKey.set(key, [event]);
      order.push(byKey.get(key)!);
    }
  }
  return order.map((entry) => maskSecretText(Array.isArray(entry) ? describeGroup(entry) : describeChange(entry.node)));
}

function collect(nodes: readonly AriaNode[], context: AriaNode | null, out: Event[]): void {
  for (const node of nodes) {
    const status = node.diffStatus;
    if (status === 'added' || status === 'removed') {
      // A wrapper is not worth a sentence: tell what it holds instead.
      const tops = isWrapper(node) ? effectiveChildren(node).map((i) => i.node) : [node];
      for (const top of tops) out.push({ status, node: top, context });
      continue;
    }
    if (status === 'changed') out.push({ status, node, context });
    if (node.children) collect(node.children, isWrapper(node) ? context : node, out);
  }
}

function describeGroup(group: Event[]): string {
  const first = group[0]!;
  const appeared = first.status === 'added';
  if (group.length === 1) return `${label(first.node)} ${appeared ? 'appeared' : 'disappeared'}`;
  const what = `${group.length} ${plural(first.node.role)}`;
  if (!first.context) return `${what} ${appeared ? 'appeared' : 'disappeared'}`;
  return `${what} ${appeared ? 'added to' : 'removed from'} ${label(first.context, false)}`;
}

function plural(role: string): string {
  return /(s|x|ch|sh)$/.test(role) ? `${role}es` : `${role}s`;
}

// Order in which state changes are told when several change at once.
const STATE_ORDER = ['name', 'checked', 'pressed', 'selected', 'expanded', 'disabled', 'invalid', 'value', 'text', 'level', 'url', 'placeholder'];

function describeChange(node: AriaNode): string {
  const previous = (node.previous && typeof node.previous === 'object' ? node.previous : {}) as Record<string, unknown>;
  const keys = Object.keys(previous).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const phrases = keys.filter((k) => k !== 'name').map((k) => phrase(k, node[k], previous[k], node.role));
  // A text change is told with both texts, so the label must not show it too; a rename shows both names.
  const subject =
    typeof previous.name === 'string'
      ? `${node.role} "${truncate(previous.name)}" → "${truncate(node.name)}"`
      : label(node, !keys.includes('text'));
  if (phrases.length) return `${subject} ${phrases.join(', ')}`;
  return keys.includes('name') ? subject : `${subject} changed`;
}

function rank(key: string): number {
  const i = STATE_ORDER.indexOf(key);
  return i < 0 ? STATE_ORDER.length : i;
}

// Roles whose value is a number the user set, safe to quote (a textbox's value may be a secret).
const NUMERIC_ROLES: ReadonlySet<string> = new Set(['spinbutton', 'slider']);
const NUMBER = /^-?\d{1,12}(?:[.,]\d{1,6})?$/;

function phrase(key: string, now: unknown, before: unknown, role: string): string {
  const on = now === true;
  switch (key) {
    case 'checked':
      return now === 'mixed' ? 'partially checked' : on ? 'checked' : 'unchecked';
    case 'pressed':
      return now === 'mixed' ? 'partially pressed' : on ? 'pressed' : 'released';
    case 'selected':
      return on ? 'selected' : 'deselected';
    case 'expanded':
      return on ? 'expanded' : 'collapsed';
    case 'disabled':
      return on ? 'became disabled' : 'became enabled';
    case 'invalid':
      return now ? 'became invalid' : 'became valid';
    case 'value':
      if (NUMERIC_ROLES.has(role) && isNumber(before) && isNumber(now)) return `${String(before)} → ${String(now)}`;
      return now ? 'value changed' : 'value cleared';
    case 'text':
      if (typeof now !== 'string' || !now) return 'text cleared';
      return typeof before === 'string' && before ? `text "${truncate(before)}" → "${truncate(now)}"` : `text changed to "${truncate(now)}"`;
    case 'level':
      return `level changed to ${String(now ?? 'none')}`;
    case 'url':
      return 'URL changed';
    default:
      return `${key} changed`;
  }
}

function isNumber(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMBER.test(v.trim()));
}
