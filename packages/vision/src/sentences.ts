import { maskScreenText } from '@claude-scope/secrets';
import type { Delta } from './evidence.js';
import { area, mostlyInside, placeOf, type Box } from './geometry.js';
import type { Returned, Scene } from './infer.js';
import { looksLikeDots, samePlace, type Line } from './lines.js';

const MAX_CHANGES = 12;
const MAX_QUOTE = 120;
const quote = (s: string) => `"${maskScreenText(s).slice(0, MAX_QUOTE)}"`;
const isBullets = (s: string) => looksLikeDots(s);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A keyframe whose state came back (KeyframeReading.returned): what showed in between never held still, so no
 * keyframe shows it, but it was on screen (a spinner, then the same error: a retry that failed the same way).
 */
export function cameBack(span: Returned, scene: Scene): string {
  return `the screen showed something else ${placeOf(span.box, scene)} for ${seconds(span.untilMs - span.fromMs)} (from ${seconds(span.fromMs)}; it never held still, as while loading), then came back as it was`;
}

/** The changes in sentences, masked, most telling first: text that changed, appeared, disappeared. */
export function describeChanges(d: Delta, regions: readonly Box[], scene: Scene, newUrl?: string, secretAt: readonly Box[] = []): string[] {
  const out: string[] = [];
  // Dots, or any text where a secret was typed: said as a filled password field, never quoted.
  const secret = (l: Line) => isBullets(l.text) || secretAt.some((b) => samePlace(b, l.box));
  if (newUrl) out.push(`the address bar shows ${newUrl}`);
  for (const p of d.changed) {
    out.push(secret(p.after) || secret(p.before) ? `a password field was filled ${placeOf(p.after.box, scene)}` : `${quote(p.before.text)} → ${quote(p.after.text)} ${placeOf(p.after.box, scene)}`);
  }
  const frameArea = scene.width * scene.height;
  const overlay = regions.find((g) => area(g) >= 0.08 * frameArea && area(g) <= 0.7 * frameArea && d.appeared.filter((l) => mostlyInside(l.box, g)).length >= 2);
  if (overlay) {
    const first = d.appeared.find((l) => mostlyInside(l.box, overlay) && !secret(l));
    out.push(`a panel appeared ${placeOf(overlay, scene)} (a dialog, menu or popover)${first ? ` starting with ${quote(first.text)}` : ''}`);
  }
  for (const l of d.appeared) out.push(secret(l) ? `a password field was filled ${placeOf(l.box, scene)}` : `text ${quote(l.text)} appeared ${placeOf(l.box, scene)}`);
  for (const l of d.disappeared) if (!secret(l)) out.push(`text ${quote(l.text)} disappeared ${placeOf(l.box, scene)}`);
  if (out.length === 0 && regions.length > 0) {
    const biggest = regions.reduce((a, b) => (area(b) > area(a) ? b : a));
    out.push(`the screen changed ${placeOf(biggest, scene)} (no text there changed)`);
  }
  if (out.length > MAX_CHANGES) return [...out.slice(0, MAX_CHANGES - 1), `… and ${out.length - MAX_CHANGES + 1} more changes`];
  return out;
}
