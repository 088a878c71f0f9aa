import { describe, expect, it } from 'vitest';
import { MASK } from '@claude-scope/secrets';
import { parseRecordingFields } from '../src/lib/recording-fields.js';

const fields = (timeline: unknown[]) => ({ title: 'Checkout', seedUrl: 'https://shop.test/', timeline: JSON.stringify(timeline) });

describe('the timeline at ingest', () => {
  it('masks values typed into secret fields (the shared rule) and secrets in any value, before it is stored', () => {
    const { timeline } = parseRecordingFields(
      fields([
        { t: 0, type: 'navigate', url: 'https://shop.test/login?token=abc123&next=/cart' },
        { t: 100, type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com' },
        { t: 200, type: 'fill', role: 'textbox', name: 'Password', value: 'hunter2' },
        { t: 300, type: 'fill', role: 'textbox', name: 'Verification code', value: '482913' },
        { t: 400, type: 'fill', role: 'textbox', name: 'Card number', value: '4111 1111 1111 1111' },
        { t: 500, type: 'fill', role: 'textbox', name: 'Shipping address', value: '1 Main St' },
        { t: 600, type: 'fill', role: 'textbox', name: 'Message', value: 'my password hunter2, key sk-proj-Abc123Def456Ghi789Jkl012' },
        { t: 700, type: 'fill', role: 'textbox', name: 'Password', value: '' },
        { t: 800, type: 'click', role: 'button', name: 'Pay' },
      ]),
    );
    expect(timeline).toEqual([
      { t: 0, type: 'navigate', url: `https://shop.test/login?token=${MASK}&next=/cart` },
      { t: 100, type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com' },
      { t: 200, type: 'fill', role: 'textbox', name: 'Password', value: MASK },
      { t: 300, type: 'fill', role: 'textbox', name: 'Verification code', value: MASK },
      { t: 400, type: 'fill', role: 'textbox', name: 'Card number', value: MASK },
      { t: 500, type: 'fill', role: 'textbox', name: 'Shipping address', value: '1 Main St' },
      { t: 600, type: 'fill', role: 'textbox', name: 'Message', value: `my password ${MASK}, key ${MASK}` },
      { t: 700, type: 'fill', role: 'textbox', name: 'Password', value: '' },
      { t: 800, type: 'click', role: 'button', name: 'Pay' },
    ]);
    expect(JSON.stringify(timeline)).not.toMatch(/hunter2|482913|4111|abc123|sk-proj/);
  });
});
