import { describe, expect, it } from 'vitest';
import { parseAriaSnapshot } from '../src/index.js';
import { find, fixture, fixtureText } from './fixtures.js';

describe('parseAriaSnapshot on real Chromium snapshots', () => {
  const tree = fixture('form-default');

  it('builds the nesting from indentation', () => {
    expect(tree.map((n) => n.role)).toEqual(['banner', 'main']);
    expect(find(tree, 'navigation', 'Main')?.children?.map((n) => n.name)).toEqual(['Home', 'Docs: "guide"']);
  });

  it('reads quoted names, including keys quoted as a whole with escapes inside', () => {
    expect(find(tree, 'link', 'Docs: "guide"')).toEqual({ role: 'link', name: 'Docs: "guide"', url: 'https://example.com/docs?q=1' });
    expect(find(tree, 'button', 'Say "hi" \\ back: now')).toEqual({ role: 'button', name: 'Say "hi" \\ back: now' });
  });

  it('keeps unnamed nodes with an empty name', () => {
    expect(find(tree, 'banner')?.name).toBe('');
    expect(find(tree, 'tablist')).toMatchObject({ role: 'tablist', name: '' });
  });

  it('turns attributes into states', () => {
    expect(find(tree, 'heading', 'Checkout')).toEqual({ role: 'heading', name: 'Checkout', level: 1 });
    expect(find(tree, 'heading', 'Step 2 of 3')?.level).toBe(3);
    expect(find(tree, 'checkbox', 'Remember me')).toEqual({ role: 'checkbox', name: 'Remember me', checked: true });
    expect(find(tree, 'checkbox', 'Select all')?.checked).toBe('mixed');
    expect(find(tree, 'radio', 'Standard')).toEqual({ role: 'radio', name: 'Standard' });
    expect(find(tree, 'button', 'Pay now')).toEqual({ role: 'button', name: 'Pay now', disabled: true });
    expect(find(tree, 'button', 'Bold')?.pressed).toBe(true);
    expect(find(tree, 'button', 'Menu')?.expanded).toBe(true);
    expect(find(tree, 'tab', 'Cart')?.selected).toBe(true);
    expect(find(tree, 'option', 'Japan')?.selected).toBe(true);
    expect(find(tree, 'textbox', 'Coupon')?.invalid).toBe(true);
  });

  it('reads inline text as the value of textboxes and as text elsewhere', () => {
    expect(find(tree, 'textbox', 'Email')).toEqual({ role: 'textbox', name: 'Email', value: 'ada@example.com' });
    expect(find(tree, 'spinbutton', 'Quantity')?.value).toBe('3');
    expect(find(tree, 'slider', 'Volume')?.value).toBe('40');
    expect(find(tree, 'searchbox', 'Search')?.value).toBeUndefined();
    expect(find(tree, 'alert')).toEqual({ role: 'alert', name: '', text: 'Saved' });
    expect(find(tree, 'list', 'Todos')?.children).toEqual([
      { role: 'listitem', name: '', text: 'Buy milk' },
      { role: 'listitem', name: '', text: 'Walk dog' },
      { role: 'listitem', name: '', text: 'Buy milk' },
    ]);
  });

  it('decodes quoted values (a value with ": " or " #" is quoted)', () => {
    const paragraphs = find(tree, 'main')!.children!.filter((n) => n.role === 'paragraph');
    expect(paragraphs[0]).toEqual({ role: 'paragraph', name: '', text: 'Total: 42 # items' });
  });

  it('reads `- text:` lines as text nodes next to elements', () => {
    const form = find(tree, 'form', 'Sign in')!;
    expect(form.children![0]).toEqual({ role: 'text', name: 'Email' });
    const mixed = find(tree, 'main')!.children!.find((n) => n.role === 'paragraph' && n.children)!;
    expect(mixed.children).toEqual([
      { role: 'text', name: 'Mixed bold text' },
      { role: 'link', name: 'terms', url: '/terms' },
    ]);
  });

  it('reads /url and /placeholder props, and a lone text child after props as text/value', () => {
    expect(find(tree, 'link', 'Home')?.url).toBe('/home');
    expect(find(tree, 'link', 'Close')).toEqual({ role: 'link', name: 'Close', url: '#close', text: '×' });
    expect(find(tree, 'textbox', 'Coupon')).toEqual({ role: 'textbox', name: 'Coupon', invalid: true, placeholder: 'Coupon code', value: 'SAVE10' });
  });

  it('shows password fields as plain textboxes with the typed value', () => {
    expect(find(tree, 'textbox', 'Password')).toEqual({ role: 'textbox', name: 'Password', value: 'hunter2-S3cret!' });
  });

  it('reads ai mode: drops refs and cursor, keeps [active], gives the same states', () => {
    const ai = fixture('form-ai');
    expect(fixtureText('form-ai')).toContain('[ref=e');
    expect(JSON.stringify(ai)).not.toMatch(/ref|cursor/);
    expect(ai[0]).toMatchObject({ role: 'generic', name: '' });
    expect(find(ai, 'textbox', 'Email')).toEqual({ role: 'textbox', name: 'Email', active: true, value: 'ada@example.com' });
    expect(find(ai, 'link', 'Docs: "guide"')).toEqual({ role: 'link', name: 'Docs: "guide"', url: 'https://example.com/docs?q=1' });
    expect(find(ai, 'checkbox', 'Select all')).toEqual({ role: 'checkbox', name: 'Select all', checked: 'mixed' });
    expect(find(ai, 'listitem')).toEqual({ role: 'listitem', name: '', text: 'Buy milk' });
  });
});

describe('parseAriaSnapshot syntax', () => {
  it('reads regex names (codegen templates) as the literal pattern', () => {
    expect(parseAriaSnapshot('- heading /Issue \\d+ [a/b]/ [level=2]')).toEqual([{ role: 'heading', name: '/Issue \\d+ [a/b]/', level: 2 }]);
  });

  it('decodes JSON escapes in names and YAML escapes in values', () => {
    const [node] = parseAriaSnapshot('- textbox "tab\\there \\u00e9": "a\\nb \\"q\\" \\x41"');
    expect(node).toEqual({ role: 'textbox', name: 'tab\there é', value: 'a\nb "q" A' });
    expect(parseAriaSnapshot("- 'button \"it''s\"'")).toEqual([{ role: 'button', name: "it's" }]);
    expect(parseAriaSnapshot("- text: 'single '' quoted'")).toEqual([{ role: 'text', name: "single ' quoted" }]);
  });

  it('reads every state spelling, false ones as absent', () => {
    const [node] = parseAriaSnapshot('- button "B" [pressed=mixed] [disabled=false] [expanded=true] [active] [invalid=spelling] [aria-hidden] [box=1,2,3,4] [ref=f1e2] [cursor=pointer]');
    expect(node).toEqual({ role: 'button', name: 'B', pressed: 'mixed', expanded: true, active: true, invalid: 'spelling', ariaHidden: true });
    expect(parseAriaSnapshot('- checkbox "C" [checked=false]')).toEqual([{ role: 'checkbox', name: 'C' }]);
    expect(parseAriaSnapshot('- row [selected=true] [level=4] [data-x=y]')).toEqual([{ role: 'row', name: '', selected: true, level: 4, dataX: 'y' }]);
  });

  it('keeps other /props and ignores template directives', () => {
    const tree = parseAriaSnapshot('- list:\n  - /children: equal\n  - /data-id: 7\n  - listitem: one');
    expect(tree).toEqual([{ role: 'list', name: '', dataId: '7', children: [{ role: 'listitem', name: '', text: 'one' }] }]);
  });

  it('joins several text lines of a textbox into its value', () => {
    expect(parseAriaSnapshot('- textbox "T":\n  - /placeholder: P\n  - text: a\n  - text: b')).toEqual([
      { role: 'textbox', name: 'T', placeholder: 'P', value: 'a b' },
    ]);
  });

  it('never throws on odd input and keeps what it can read', () => {
    const odd = [
      'garbage line',
      '- ',
      '-',
      '- 123 not a role',
      '- button "unterminated',
      '- link "x" [ref=e1',
      '- list:',
      '  - button Submit',
      '    - link "nested under a skipped line"',
      '  - /url: "for the list"',
      '- text: ""',
      '\t- checkbox "tabbed" [checked]',
      '- "just a string"',
      '- paragraph: # only a comment',
      '- : nothing',
    ].join('\n');
    expect(() => parseAriaSnapshot(odd)).not.toThrow();
    expect(parseAriaSnapshot(odd)).toEqual([
      { role: 'button', name: 'unterminated' },
      { role: 'link', name: 'x' },
      { role: 'list', name: '', url: 'for the list', children: [{ role: 'link', name: 'nested under a skipped line' }] },
      { role: 'checkbox', name: 'tabbed', checked: true },
      { role: 'paragraph', name: '' },
    ]);
    for (const input of ['', '   ', '\n\n', 'not yaml at all: {[', undefined as unknown as string, null as unknown as string]) {
      expect(parseAriaSnapshot(input)).toEqual([]);
    }
  });

  it('accepts CRLF line ends', () => {
    expect(parseAriaSnapshot('- list:\r\n  - listitem: a\r\n')).toEqual([{ role: 'list', name: '', children: [{ role: 'listitem', name: '', text: 'a' }] }]);
  });
});
