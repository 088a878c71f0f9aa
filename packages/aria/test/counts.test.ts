import { describe, expect, it } from 'vitest';
import { diffTrees, elementCounts, parseAriaSnapshot } from '../src/index.js';
import { fixture } from './fixtures.js';

describe('elementCounts', () => {
  it('counts the real form', () => {
    // Tabs and options are interactive but neither buttons nor inputs.
    expect(elementCounts(fixture('form-default'))).toEqual({
      buttons: 6, // Pay now, Bold, Menu, Say…, Cancel, Confirm
      inputs: 13, // Email, Password, Search, Quantity, Volume, Notes, 2 checkboxes, 2 radios, Country, Coupon, Confirm password
      links: 4, // Home, Docs, terms, Close
      headings: 2,
      interactive: 6 + 13 + 4 + 2 + 2, // + 2 tabs + 2 options
    });
  });

  it('counts every input role and ignores removed nodes', () => {
    const tree = parseAriaSnapshot(
      ['- textbox "a"', '- searchbox "b"', '- combobox "c"', '- checkbox "d"', '- radio "e"', '- slider "f"', '- spinbutton "g"', '- switch "h"', '- menu:', '  - menuitem "i"', '  - menuitemcheckbox "j"'].join('\n'),
    );
    expect(elementCounts(tree)).toEqual({ buttons: 0, inputs: 8, links: 0, headings: 0, interactive: 10 });
    const { tree: marked } = diffTrees(tree, parseAriaSnapshot('- textbox "a"'));
    expect(elementCounts(marked)).toEqual({ buttons: 0, inputs: 1, links: 0, headings: 0, interactive: 1 });
  });
});
