import { isSecretField, maskScreenText, MASK } from '@claude-scope/secrets';
import { cleanLabel, cleanValue, misread, sameText } from './fields.js';
import { looksLikeDots, type Line } from './lines.js';
import { labelOf, type Delta, type Found } from './evidence.js';

// Typing read off a keyframe's change: text growing in a field, dots appearing (strong); a placeholder replaced, a
// short value appearing under a label (weak).

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const mask = (s: string) => maskScreenText(s);
const isBullets = (s: string) => looksLikeDots(s);
/** What a fill carries: a row of dots, or anything typed into a field named as a secret, is masked whole. */
export const fillValue = (value: string, field: string) => (isBullets(value) || isSecretField(field) ? MASK : mask(value));
/** Only digits differ: a counter, a badge, a quantity — the page answering, not the user typing. */
const digitsOnly = (a: string, b: string) => a.replace(/\d+/g, '#') === b.replace(/\d+/g, '#');

/** Text growing in one place (or a placeholder replaced, or dots appearing): the user typed into a field. */
export function typing(d: Delta, labels: readonly Line[], t: number, evidence: 'strong' | 'weak', typedAt: (l: Line) => boolean): Found | null {
  const fill = (line: Line, confidence: number): Found => {
    const name = cleanLabel(labelOf(line.box, labels) ?? '');
    return { action: { t, type: 'fill', role: 'textbox', name: mask(name), value: fillValue(cleanValue(line.text), name), source: 'video', confidence }, box: line.box, confidence: line.confidence };
  };
  for (const p of d.changed) {
    const [a, b] = [norm(cleanValue(p.before.text)), norm(cleanValue(p.after.text))];
    // Growing text; the caret beside its first letter is often read as part of it ("pda@" then "ada@example.com").
    if (b.length > a.length && (b.startsWith(a) || (a.length >= 3 && b.startsWith(a.slice(1), 1)))) return fill(p.after, 0.8);
    if (isBullets(p.after.text)) return fill(p.after, 0.75);
  }
  for (const l of d.appeared) {
    if (isBullets(l.text)) return fill(l, 0.7);
  }
  if (evidence === 'strong') return null;
  // A value is not its field's label read again (a button's text under a toast read twice).
  const labelled = (l: Line) => {
    const name = labelOf(l.box, labels);
    return !!name && !sameText(name, l.text) && !norm(name).includes(norm(cleanValue(l.text)));
  };
  for (const p of d.changed) {
    // A placeholder replaced by what was typed (not a counter ticking; not a field typed into before, now
    // cleared back to its placeholder; not the same text read again less well).
    if (typedAt(p.before) || misread(cleanValue(p.before.text), cleanValue(p.after.text))) continue;
    if (!digitsOnly(p.before.text, p.after.text) && p.after.box.h <= 40 && labelled(p.after)) return fill(p.after, 0.5);
  }
  const short = d.appeared.filter((l) => l.box.h <= 40 && l.text.split(/\s+/).length <= 3 && labelled(l));
  if (short.length === 1 && !d.changed.length) return fill(short[0]!, 0.45);
  return null;
}
