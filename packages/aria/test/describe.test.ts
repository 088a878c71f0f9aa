import { describe, expect, it } from 'vitest';
import { describeChanges, diffTrees, parseAriaSnapshot } from '../src/index.js';
import { fixture } from './fixtures.js';

const yaml = (lines: string[]) => parseAriaSnapshot(lines.join('\n'));
const changes = (prev: string[], next: string[]) => describeChanges(diffTrees(yaml(prev), yaml(next)).tree);

describe('describeChanges', () => {
  it('tells the real todo frames in tree order, once per top-most change', () => {
    expect(describeChanges(diffTrees(fixture('todo-before'), fixture('todo-after')).tree)).toEqual([
      'alert "Welcome back" disappeared',
      'textbox "New todo" value changed',
      'checkbox "Remember me" checked',
      'button "Pay now" became disabled',
      '3 listitems added to list "Todos"',
      'dialog "Confirm order" appeared',
    ]);
  });

  it('says nothing for an unmarked tree', () => {
    expect(describeChanges(fixture('form-default'))).toEqual([]);
    expect(describeChanges(diffTrees(null, fixture('form-default')).tree)).toEqual([]);
  });

  it('names each state change', () => {
    expect(
      changes(
        ['- checkbox "A" [checked]', '- checkbox "B"', '- button "C" [pressed]', '- tab "D"', '- button "E" [expanded]', '- button "F" [disabled]', '- heading "G" [level=2]', '- link "H":', '  - /url: /a', '- textbox "I": x', '- textbox "J"'],
        ['- checkbox "A"', '- checkbox "B" [checked=mixed]', '- button "C"', '- tab "D" [selected]', '- button "E"', '- button "F"', '- heading "G" [level=3]', '- link "H":', '  - /url: /b', '- textbox "I"', '- textbox "J" [invalid]'],
      ),
    ).toEqual([
      'checkbox "A" unchecked',
      'checkbox "B" partially checked',
      'button "C" released',
      'tab "D" selected',
      'button "E" collapsed',
      'button "F" became enabled',
      'heading "G" level changed to 3',
      'link "H" URL changed',
      'textbox "I" value cleared',
      'textbox "J" became invalid',
    ]);
  });

  it('joins several changes of one node and tells new text without repeating it', () => {
    expect(changes(['- button "Pay"'], ['- button "Pay" [disabled] [pressed]'])).toEqual(['button "Pay" pressed, became disabled']);
    expect(changes(['- status: Saving…'], ['- status: Saved'])).toEqual(['status text "Saving…" → "Saved"']);
    expect(changes(['- status'], ['- status: Saved'])).toEqual(['status text changed to "Saved"']);
  });

  it('groups same-role siblings that came or went together, per parent', () => {
    expect(
      changes(
        ['- list "Todos":', '  - listitem: a', '  - listitem: b', '  - listitem: c', '- list "Done":', '  - listitem: x'],
        ['- list "Todos":', '  - listitem: a', '- list "Done":', '  - listitem: x', '  - listitem: y', '  - listitem: z', '- button "Undo"', '- button "Redo"'],
      ),
    ).toEqual(['2 listitems removed from list "Todos"', '2 listitems added to list "Done"', '2 buttons appeared']);
  });

  it('tells what an added or removed wrapper holds, not the wrapper', () => {
    expect(changes(['- main:', '  - button "Keep"'], ['- main:', '  - button "Keep"', '  - generic:', '    - alert: Saved'])).toEqual(['alert "Saved" appeared']);
  });

  it('describes a change inside an unchanged container and the container context through wrappers', () => {
    expect(changes(['- form "F":', '  - generic:', '    - textbox "A"'], ['- form "F":', '  - generic:', '    - textbox "A"', '    - textbox "B"', '    - textbox "C"'])).toEqual([
      '2 textboxes added to form "F"',
    ]);
  });

  it('never quotes a secret, even from an unmasked tree', () => {
    const sentences = changes(['- textbox "Password"', '- status: idle'], ['- textbox "Password": hunter2', '- status: "token=abc123def"']);
    expect(sentences).toEqual(['textbox "Password" value changed', 'status text "idle" → "token=••••••"']);
  });

  it('tells renames and numbers before → after, never a textbox value', () => {
    expect(
      changes(
        ['- link "Cart (2)"', '- spinbutton "Quantity": "1"', '- slider "Volume": "30"', '- textbox "Code": "1234"', '- button "Save" [disabled]'],
        ['- link "Cart (3)"', '- spinbutton "Quantity": "2"', '- slider "Volume": "45"', '- textbox "Code": "1235"', '- button "Save draft"'],
      ),
    ).toEqual([
      'link "Cart (2)" → "Cart (3)"',
      'spinbutton "Quantity" 1 → 2',
      'slider "Volume" 30 → 45',
      'textbox "Code" value changed',
      'button "Save" → "Save draft" became enabled',
    ]);
  });

  it('falls back to "changed" for a mark without previous values', () => {
    expect(describeChanges([{ role: 'button', name: 'X', diffStatus: 'changed' }])).toEqual(['button "X" changed']);
  });
});
