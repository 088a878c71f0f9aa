import { area, grow, intersection, mostlyInside, type Box } from './geometry.js';
import type { Word } from './lines.js';

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
   * `read`: the words found in the areas read, or in the whole frame when `changed` is null (everything is
   * replaced); `changed`: where this keyframe's pixels differ from the previous one's.
   */
  apply(read: readonly Word[], changed: readonly Box[] | null): void {
    if (changed === null) {
      this.words = [...read];
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
