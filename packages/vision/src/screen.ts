import { area, grow, intersection, mostlyInside, type Box } from './geometry.js';
import type { Word } from './lines.js';

/**
 * What the screen's text is as far as it was read: the whole frame once, then only the parts that changed. A
 * keyframe's reading replaces the words where the pixels changed and where it read a word again; elsewhere the
 * words read earlier stay, so a label OCR misses in one crop (an edge, a caret over it) is not taken for gone.
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
    const kept = this.words.filter(
      (w) => !gone.some((g) => mostlyInside(w.box, g)) && !read.some((r) => intersection(r.box, w.box) > 0.3 * Math.min(area(r.box), area(w.box))),
    );
    this.words = [...kept, ...read];
  }
}
