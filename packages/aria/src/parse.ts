import type { AriaNode } from '@claude-scope/contracts';
import { camelCase, parseKey } from './parse-key.js';
import { decodeValue, readDoubleQuoted, readSingleQuoted } from './scalar.js';
import { STRUCTURAL_KEYS, VALUE_ROLES } from './tree.js';

type Item =
  | { kind: 'node'; node: AriaNode; value: string | undefined }
  | { kind: 'text'; text: string }
  | { kind: 'prop'; key: string; value: string }
  | { kind: 'skip' };

/**
 * Parses the YAML-like text of Playwright's `locator.ariaSnapshot()` (default or `ai` mode).
 * Line based rather than a YAML parse so one odd line cannot lose the whole tree: lines that
 * cannot be read are skipped. States become properties (see parse-key.ts); refs are dropped.
 */
export function parseAriaSnapshot(text: string): AriaNode[] {
  const roots: AriaNode[] = [];
  // An entry without a node stands for a line that is not an element: lines nested under it are
  // hoisted to its parent instead of landing on an unrelated sibling.
  const stack: { indent: number; node: AriaNode | undefined }[] = [];
  for (const line of String(text ?? '').split(/\r\n|\r|\n/)) {
    const m = /^([ \t]*)-(?:[ \t]+(.*))?$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    const item = parseItem((m[2] ?? '').trim());
    stack.push({ indent, node: item.kind === 'node' ? item.node : parent });
    if (item.kind === 'prop') {
      if (parent && item.key !== 'children') setProp(parent, item.key, item.value);
    } else if (item.kind === 'text') {
      if (item.text) addChild(parent, roots, { role: 'text', name: item.text });
    } else if (item.kind === 'node') {
      if (item.value) item.node[VALUE_ROLES.has(item.node.role) ? 'value' : 'text'] = item.value;
      addChild(parent, roots, item.node);
    }
  }
  return roots.map(normalize);
}

function parseItem(body: string): Item {
  if (!body) return { kind: 'skip' };
  // Keys that need quoting (e.g. a name containing ": ") are wrapped in quotes as a whole.
  let key = body;
  let rest = '';
  let quoted = false;
  if (body[0] === "'" || body[0] === '"') {
    const read = body[0] === "'" ? readSingleQuoted(body, 0) : readDoubleQuoted(body, 0);
    key = read.value;
    rest = body.slice(read.end);
    quoted = true;
  }
  const special = /^(\/[\w-]+|text)\s*:(?:\s+(.*))?$/.exec(quoted ? `${key}${rest}` : key);
  if (special) {
    const value = decodeValue(special[2] ?? '');
    return special[1] === 'text' ? { kind: 'text', text: value } : { kind: 'prop', key: special[1]!.slice(1), value };
  }
  const parsed = parseKey(key);
  if (!parsed) return { kind: 'skip' };
  const leftover = key.slice(parsed.end);
  if (!quoted) rest = leftover;
  const colon = /^\s*:(.*)$/.exec(rest);
  // Anything else after the key (`- button Submit`) is not the format: skip rather than guess.
  if ((quoted && leftover.trim()) || (!colon && rest.trim())) return { kind: 'skip' };
  const value = colon ? decodeValue(colon[1]!) : undefined;
  // `- text "foo"` is not what Playwright writes, but means a text node.
  if (parsed.node.role === 'text') return { kind: 'text', text: parsed.node.name || value || '' };
  return { kind: 'node', node: parsed.node, value };
}

function setProp(node: AriaNode, key: string, value: string): void {
  const name = camelCase(key);
  if (!STRUCTURAL_KEYS.has(name)) node[name] = value;
}

function addChild(parent: AriaNode | undefined, roots: AriaNode[], child: AriaNode): void {
  if (!parent) roots.push(child);
  else (parent.children ??= []).push(child);
}

/**
 * Gives each node one spelling whatever the layout Playwright chose: a node with props writes its
 * lone text as a `- text:` child instead of inline, so a lone text child becomes `value`/`text`.
 * Keys are reordered so children come last.
 */
function normalize(node: AriaNode): AriaNode {
  const children = node.children?.map(normalize) ?? [];
  const { role, name, children: _, ...states } = node;
  const out: AriaNode = { role, name, ...states };
  const onlyText = children.length > 0 && children.every((c) => c.role === 'text');
  const target = VALUE_ROLES.has(role) ? 'value' : 'text';
  if (onlyText && (target === 'value' || children.length === 1) && out[target] === undefined) {
    out[target] = children.map((c) => c.name).join(' ');
  } else if (children.length) {
    out.children = children;
  }
  return out;
}
