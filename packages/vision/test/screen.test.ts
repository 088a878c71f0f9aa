import { describe, expect, it } from 'vitest';
import { MIN_WORD_CONFIDENCE, ScreenText, type Word } from '../src/index.js';

const word = (text: string, x: number, y: number, confidence: number): Word => ({ text, confidence, box: { x, y, w: 9 * text.length, h: 16 } });

describe('the screen text as read so far', () => {
  const field = { x: 448, y: 384, w: 160, h: 64 };

  it('where the pixels did not change, a word read again less surely does not replace the earlier read', () => {
    // The label sits just above the changed field, at the crop's edge: OCR loses its first letters.
    const screen = new ScreenText();
    screen.apply([word('Password', 456, 360, 0.96)], null);
    screen.apply([word('word', 491, 360, 0.91), word('••••', 470, 415, 0.5)], [field]);
    expect(screen.current.map((w) => w.text)).toEqual(['Password', '••••']);
  });

  it('an earlier word whose pixels changed does not hold back the new read beside it, however sure it was', () => {
    const screen = new ScreenText();
    screen.apply([word('Saving…', 452, 376, 0.97)], null);
    // The old word lay mostly inside what changed; the new one, read a little higher, mostly outside it.
    screen.apply([word('Saved', 452, 370, 0.8)], [{ x: 448, y: 384, w: 160, h: 64 }]);
    expect(screen.current.map((w) => w.text)).toEqual(['Saved']);
  });

  it('a surer read there replaces it, and inside what changed the new read always does', () => {
    const screen = new ScreenText();
    screen.apply([word('Pasword', 456, 360, 0.6), word('Email', 470, 415, 0.97)], null);
    screen.apply([word('Password', 456, 360, 0.96), word('ada@', 470, 415, 0.7)], [field]);
    expect(screen.current.map((w) => w.text).sort()).toEqual(['Password', 'ada@']);
  });
  it('a word read with next to no confidence, spelled as the word read there before, is that word, where it was read', () => {
    const screen = new ScreenText();
    screen.apply([word('Notifications', 317, 200, 0.97), word('Add', 950, 300, 0.9)], null);
    // The tab turned bold and underlined: Tesseract gives the same word 0, its box grown over the underline.
    const tab = { ...word('Notifications', 312, 198, 0), box: { x: 312, y: 198, w: 125, h: 30 } };
    screen.apply([tab, word('Notificglions', 317, 200, 0.41), word('Add', 952, 301, 0.2), word('Ad', 950, 300, 0.1)], [{ x: 300, y: 180, w: 700, h: 160 }]);
    const kept = screen.current.filter((w) => w.confidence >= MIN_WORD_CONFIDENCE);
    expect(kept).toHaveLength(2);
    expect(kept).toEqual(
      expect.arrayContaining([
        { ...tab, box: word('Notifications', 317, 200, 0).box, confidence: MIN_WORD_CONFIDENCE },
        // Three letters corroborate; two do not.
        word('Add', 950, 300, MIN_WORD_CONFIDENCE),
      ]),
    );
  });
});
