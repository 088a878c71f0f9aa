import { mostlyInside, type Box } from './geometry.js';
import type { Word } from './lines.js';

/**
 * What the screen's text is as far as it was read: the whole frame once, then only the parts that changed. A
 * keyframe's reading replaces the words inside the areas read again and keeps the rest, so each keyframe's
 * text is known without reading every frame whole.
 */
export class ScreenText {
  private words: Word[] = [];

  get current(): readonly Word[] {
    return this.words;
  }

  /** `read`: the words found in `areas` (or in the whole frame, when `areas` is null). */
  apply(read: readonly Word[], areas: readonly Box[] | null): void {
    if (areas === null) {
      this.words = [...read];
      return;
    }
    this.words = [...this.words.filter((w) => !areas.some((a) => mostlyInside(w.box, a))), ...read];
  }
}
