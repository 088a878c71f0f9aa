import { describe, expect, it } from 'vitest';
import { renderTree, stateSignature } from '../src/tree-text.js';
import { mark, n } from './fixtures/analysis.js';

const page = [
  n('generic', '', {}, [
    n('main', '', {}, [
      n('heading', 'Settings', { level: 1 }),
      n('paragraph', 'Some text'),
      n('form', 'Profile', {}, [n('textbox', 'Display name', { value: 'Dana' }), n('button', 'Save', { disabled: true })]),
    ]),
    n('region', 'Empty', {}, [n('paragraph', 'nothing to click')]),
  ]),
];

describe('renderTree', () => {
  it('keeps interactive elements and the containers around them, lifting them out of generic wrappers', () => {
    expect(renderTree(page, { filter: 'interactive', mode: 'snapshot', collapseRemoved: true })).toEqual([
      '  main',
      '    form "Profile"',
      '      textbox "Display name" [value="Dana"]',
      '      button "Save" [disabled]',
    ]);
  });

  it('diff mode keeps only marked nodes and their ancestors; removed subtrees collapse', () => {
    const tree = [
      n('main', '', {}, [
        n('button', 'Untouched'),
        mark('changed', n('checkbox', 'Agree', { checked: true })),
        mark('removed', n('dialog', 'Old', {}, [n('button', 'A'), n('button', 'B')])),
        mark('added', n('alert', 'Saved')),
      ]),
    ];
    expect(renderTree(tree, { filter: 'interactive', mode: 'diff', collapseRemoved: true })).toEqual([
      '  main',
      '~   checkbox "Agree" [checked]',
      '-   dialog "Old" (with 2 more inside)',
      '+   alert "Saved"',
    ]);
  });

  it('masks the value of secret fields and secrets in names', () => {
    const lines = renderTree([n('textbox', 'Password', { value: 'hunter2' }), n('link', 'Reset ghp_16C7e42F292c6912E7710c838347Ae178B4a')], {
      filter: 'interactive',
      mode: 'snapshot',
      collapseRemoved: true,
    });
    expect(lines).toEqual(['  textbox "Password" [value="[REDACTED]"]', '  link "Reset [REDACTED]"']);
  });

  it('keeps names on one line and quotes embedded quotes', () => {
    const [line] = renderTree([n('button', 'Say "hi"\nnow')], { filter: 'interactive', mode: 'snapshot', collapseRemoved: true });
    expect(line).toBe('  button "Say \\"hi\\" now"');
  });
});

describe('stateSignature', () => {
  it('ignores states and marks, but not elements or the URL', () => {
    const a = stateSignature('u', page);
    const typed = stateSignature('u', [n('generic', '', {}, [n('main', '', {}, [n('form', 'Profile', {}, [mark('changed', n('textbox', 'Display name', { value: 'Dee' })), n('button', 'Save')])])])]);
    expect(typed).toBe(a);
    expect(stateSignature('v', page)).not.toBe(a);
    expect(stateSignature('u', [...page, n('button', 'New')])).not.toBe(a);
  });
});
