import type { Look } from './lines.js';

// A label whose text stayed but whose look changed: did it become the selected one (a tab, a nav link, a segmented
// control's option), or stop being it? Selection shows as darker or whiter ink against its ground, a coloured ink or
// fill, or bolder strokes; codec noise moves none of these as far as the steps below.

/** Levels (0–255) of luma between ink and ground that count as a change of contrast. */
const CONTRAST_STEP = 24;
/** Levels of chroma (max − min channel) of ink or ground that count as a change of tint. */
const TINT_STEP = 32;
/** Ratio of stroke width that counts as strokes turning bold or back. */
const BOLD_RATIO = 1.3;

const luma = (c: Look['ink']) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
const chroma = (c: Look['ink']) => Math.max(...c) - Math.min(...c);
const contrast = (l: Look) => Math.abs(luma(l.ink) - luma(l.ground));
const tint = (l: Look) => Math.max(chroma(l.ink), chroma(l.ground));

/** 'up': more emphasis after than before; 'down': less; 'same': neither; 'mixed': signs both ways (cannot tell). */
export function emphasisShift(before: Look, after: Look): 'up' | 'down' | 'same' | 'mixed' {
  const dc = contrast(after) - contrast(before);
  const dt = tint(after) - tint(before);
  const ratio = before.stroke > 0 && after.stroke > 0 ? after.stroke / before.stroke : 1;
  const up = dc >= CONTRAST_STEP || dt >= TINT_STEP || ratio >= BOLD_RATIO;
  const down = dc <= -CONTRAST_STEP || dt <= -TINT_STEP || ratio <= 1 / BOLD_RATIO;
  return up && down ? 'mixed' : up ? 'up' : down ? 'down' : 'same';
}
