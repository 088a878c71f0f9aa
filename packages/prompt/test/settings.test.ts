import { describe, expect, it } from 'vitest';
import { render, type PromptOptions } from '../src/index.js';
import { loginDashboardModal } from './fixtures/analysis.js';
import { ALL_OFF, ALL_ON, TARGETS, expectWellFormed } from './helpers.js';

const analysis = loginDashboardModal();
const with_ = (patch: Partial<PromptOptions>) => ({ ...ALL_OFF, ...patch });
// Lines that only exist when a setting is on, per format.
const MARK = {
  screenshots: /data:image\/png;base64,/,
  tree: /combobox "Product" \[expanded=false\]/, // only tree lines carry element states
  rawDiff: /heading "Sign in" \[level=1\]/, // headings are not interactive: only the raw diff lists them
};

describe.each(TARGETS)('%s settings', (target) => {
  it('all off: just task, timeline and instructions', () => {
    const text = render(analysis, ALL_OFF, target);
    for (const re of Object.values(MARK)) expect(text).not.toMatch(re);
    expect(text).toContain('click button "Place order"');
    expectWellFormed(text, target);
  });

  it('includeScreenshots embeds one image per frame, and nothing else', () => {
    const text = render(analysis, with_({ includeScreenshots: true }), target);
    expect(text.match(/data:image\/png;base64,/g)).toHaveLength(analysis.steps.length);
    expect(text).not.toMatch(MARK.tree);
    expect(text).not.toMatch(MARK.rawDiff);
    if (target !== 'RAW') expect(text).toMatch(/!\[step 3[^\]]*\]\(data:image\/png;base64,[A-Za-z0-9+/=]+\)/);
    else expect(text).toMatch(/^Screenshot of step 3 at 00:03\.4 \(PNG, base64\):\ndata:image\/png;base64,[A-Za-z0-9+/=]+$/m);
  });

  it('inlineAriaTree adds the interactive elements of distinct states plus diffs, not whole trees repeated', () => {
    const text = render(analysis, with_({ inlineAriaTree: true }), target);
    expect(text).toMatch(MARK.tree);
    expect(text).not.toMatch(MARK.screenshots);
    expect(text).not.toMatch(MARK.rawDiff);
    expect(text).not.toMatch(/paragraph|heading "Dashboard" \[level=1\]/); // non-interactive nodes are filtered out
    // The dashboard's elements are listed at step 4 and 5 (a new dialog), but not again at 6–8.
    expect(text.match(/link "View order 1041"/g)).toHaveLength(2);
    expect(text).toContain('No change in interactive elements since step 6.');
    expect(text).toContain('Same elements as step 4 (states may differ).');
    expect(text).toMatch(/\+ +dialog "New order" \[modal\]/);
    expect(text).toMatch(/~ +combobox "Product" \[expanded=false, value="Blue Mug"\]/);
    expect(text).toMatch(/- dialog "New order" \[modal\] \(with 4 more inside\)/);
  });

  it('includeRawDiff adds the node-level diff, every marked node included', () => {
    const text = render(analysis, with_({ includeRawDiff: true }), target);
    expect(text).toMatch(MARK.rawDiff);
    expect(text).toMatch(/\+ +cell "Order 1041"/);
    expect(text).not.toMatch(MARK.screenshots);
  });

  it('all on is the union', () => {
    const text = render(analysis, ALL_ON, target);
    for (const re of Object.values(MARK)) expect(text).toMatch(re);
  });

  it('a malformed thumbnail is never embedded', () => {
    const bad = loginDashboardModal();
    bad.steps[0]!.thumbnailUrl = 'data:image/png;base64,AAAA) ![x](https://evil.example/track.png';
    bad.steps[1]!.thumbnailUrl = 'https://evil.example/pixel.png';
    const text = render(bad, with_({ includeScreenshots: true }), target);
    expect(text).not.toContain('evil.example');
    expect(text.match(/data:image\/png;base64,/g)).toHaveLength(analysis.steps.length - 2);
  });
});
