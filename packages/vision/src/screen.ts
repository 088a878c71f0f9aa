import { area, grow, intersection, mostlyInside, type Box } from './geometry.js';
import { MIN_WORD_CONFIDENCE, type Word } from './lines.js';

/** Letters a word needs for a read of it to be corroborated by an earlier one (ScreenText.apply). */
const MIN_CORROBORATED = 3;

/**
 * What the screen's text is as far as it was read: the whole frame once, then only the parts that changed. A
 * keyframe's reading replaces the words where the pixels changed, and where it read a word again as surely or more;
 * elsewhere the words read earlier stay, so a label OCR misses in one crop (an edge, a caret over it) is not taken
 * for gone, nor a label it misreads there for changed.
 */
export class ScreenText {
  private words: Word[] = [];

  get current(): readonly Word[] {
    return this.words;
  }

  /**
   * `words`: the words found in the areas read, or in the whole frame when `changed` is null (everything is
   * replaced); `changed`: where this keyframe's pixels differ from the previous one's.
   */
  apply(words: readonly Word[], changed: readonly Box[] | null): void {
    // A word read with next to no confidence, spelled exactly as the word read at its place before, is that word
    // (Tesseract can give 0 to a clear label, bold and underlined as a tab becomes selected): it is corroborated,
    // just enough to count, and placed where the surer read found it (its box can take in an underline or a ring).
    const read = words.map((r) => {
      if (r.confidence >= MIN_WORD_CONFIDENCE || r.text.trim().length < MIN_CORROBORATED) return r;
      const was = this.words.find((w) => w.confidence >= MIN_WORD_CONFIDENCE && w.text.trim() === r.text.trim() && intersection(w.box, r.box) > 0.5 * Math.min(area(w.box), area(r.box)));
      return was ? { ...r, box: was.box, confidence: MIN_WORD_CONFIDENCE } : r;
    });
    if (changed === null) {
      this.words = read;
      return;
    }
    const gone = changed.map((c) => grow(c, 2));
    const still = (w: Word) => !gone.some((g) => mostlyInside(w.box, g));
    const overlap = (a: Word, b: Word) => intersection(a.box, b.box) > 0.3 * Math.min(area(a.box), area(b.box));
    // Where the pixels did not change, a word read again is the same word: the surer of the two reads stands (a
    // label at a crop's edge loses letters, "Password" read as "word"). Only words that stay can stand.
    const before = this.words.filter(still);
    const fresh = read.filter((r) => !(still(r) && before.some((w) => overlap(r, w) && w.confidence > r.confidence)));
    this.words = [...before.filter((w) => !fresh.some((r) => overlap(r, w))), ...fresh];
  }
}
