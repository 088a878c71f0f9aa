import { describe, expect, it } from 'vitest';
import { composeFrame, layerKey, type PointerLayer } from '../src/recorder/cursor.js';

const W = 40;
const H = 30;
const content = { width: W, height: H, data: Buffer.alloc(W * H * 3, 200) };
const place = { scale: 1, top: 0 };
const drawn = (layer: PointerLayer) => {
  const out = Buffer.alloc(content.data.length);
  composeFrame(content, out, layer, place);
  return out;
};

describe('the pointer layer', () => {
  it('draws the sprite where the pointer is, unless the capture draws none (a tab capture): hover and caret still show', () => {
    const at = { x: 10, y: 10, hover: null, caret: null };
    expect(drawn({ ...at, shape: 'arrow' }).equals(content.data)).toBe(false);
    expect(drawn({ ...at, shape: null }).equals(content.data)).toBe(true);
    const caret = { x: 30, y: 5, h: 12, color: 'rgb(0, 0, 0)' };
    expect(drawn({ ...at, shape: null, caret }).equals(content.data)).toBe(false);
  });

  it('an undrawn pointer moving changes nothing on screen: its layer stays the same', () => {
    const layer = (x: number, shape: PointerLayer['shape']): PointerLayer => ({ x, y: 10, shape, hover: null, caret: null });
    expect(layerKey(layer(10, null), place)).toBe(layerKey(layer(25, null), place));
    expect(layerKey(layer(10, 'arrow'), place)).not.toBe(layerKey(layer(25, 'arrow'), place));
  });
});
