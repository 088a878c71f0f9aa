/**
 * Fits a document into a character budget by removing whole units, least valuable first, and never editing a
 * unit's text: a section is either present exactly as rendered or absent (and then named in the omission note).
 *
 * Order: raw diff → full element lists of later states (replaced by their changes-only form) → screenshots of
 * frames whose tree did not change → remaining screenshots, oldest first → element trees → visited-URL list →
 * timeline entries (as a last resort, quiet steps before steps with errors).
 */

export type UnitClass = 'rawDiff' | 'tree' | 'screenshot' | 'url' | 'timeline';

export interface Unit {
  text: string;
  /** Absent: the unit is part of the minimum and is never dropped. */
  cls?: UnitClass;
  step?: number;
  /** tree: the shorter changes-only form used once repeated trees are cut ('' = drop instead). */
  compact?: string;
  /** screenshot: this frame's tree did not change since the previous step. */
  unchanged?: boolean;
  /** timeline: the step has an error or failure, so it is dropped last. */
  problem?: boolean;
}

export interface Block {
  head?: string;
  tail?: string;
  units: Unit[];
  /** Joins the units (head and tail are always on their own lines); default '\n'. */
  sep?: string;
  /** Keep head and tail even when every unit was dropped (otherwise the block disappears). */
  keepEmpty?: boolean;
  /** Where the omission note goes; its units are ignored. */
  omissions?: true;
}

export type OmissionKind = 'rawDiff' | 'fullTree' | 'screenshot' | 'tree' | 'url' | 'timeline';

export interface Omission {
  kind: OmissionKind;
  /** Step numbers (or, for 'url', 1-based positions in the URL list). */
  items: number[];
}

export interface Doc {
  blocks: Block[];
  /** Renders the omission note block ('' when nothing was left out). */
  renderOmissions: (omissions: Omission[]) => string;
  /** Between blocks; default '\n\n'. */
  blockSep?: string;
}

interface Live {
  unit: Unit;
  text: string | null; // null = dropped
  block: number;
  position: number;
}

export interface FitResult {
  text: string;
  omissions: Omission[];
  /** False only when even the minimum (task, instructions, fixed text) is over the budget. */
  fits: boolean;
}

export function fit(doc: Doc, maxChars: number): FitResult {
  const live: Live[] = [];
  doc.blocks.forEach((block, b) =>
    block.units.forEach((unit, position) => live.push({ unit, text: unit.text, block: b, position })),
  );
  const byBlock = doc.blocks.map((_, b) => live.filter((l) => l.block === b));
  const omitted = new Map<OmissionKind, number[]>();
  const note = (kind: OmissionKind, item: number) => omitted.set(kind, [...(omitted.get(kind) ?? []), item]);
  const omissions = (): Omission[] => {
    // A tree first shortened and later dropped is reported once, as dropped.
    const dropped = new Set(omitted.get('tree') ?? []);
    return (['rawDiff', 'fullTree', 'screenshot', 'tree', 'url', 'timeline'] as const)
      .map((kind) => ({ kind, items: (omitted.get(kind) ?? []).filter((i) => kind !== 'fullTree' || !dropped.has(i)) }))
      .filter((o) => o.items.length > 0)
      .map((o) => ({ ...o, items: [...o.items].sort((a, b) => a - b) }));
  };

  const blockText = (b: number, omissionText: string): string => {
    const block = doc.blocks[b]!;
    if (block.omissions) return omissionText;
    const units = byBlock[b]!.filter((l) => l.text !== null && l.text !== '').map((l) => l.text!);
    const hadUnits = block.units.length > 0;
    if (hadUnits && units.length === 0 && !block.keepEmpty) return '';
    return [block.head, units.join(block.sep ?? '\n'), block.tail].filter((s): s is string => !!s).join('\n');
  };
  const render = (): string => {
    const omissionText = doc.renderOmissions(omissions());
    const parts = doc.blocks.map((_, b) => blockText(b, omissionText)).filter((s) => s !== '');
    return `${parts.join(doc.blockSep ?? '\n\n')}\n`;
  };
  // Length without building the string: cheap enough to re-run after every single drop.
  const length = (): number => {
    const omissionText = doc.renderOmissions(omissions());
    const sepLen = (doc.blockSep ?? '\n\n').length;
    let total = 0;
    let parts = 0;
    doc.blocks.forEach((block, b) => {
      let len = 0;
      if (block.omissions) len = omissionText.length;
      else {
        const units = byBlock[b]!.filter((l) => l.text !== null && l.text !== '');
        if (block.units.length > 0 && units.length === 0 && !block.keepEmpty) len = 0;
        else {
          const sep = (block.sep ?? '\n').length;
          const body = units.reduce((n, u) => n + u.text!.length, 0) + Math.max(0, units.length - 1) * sep;
          const pieces = [block.head?.length ?? 0, body, block.tail?.length ?? 0].filter((n) => n > 0);
          len = pieces.reduce((n, p) => n + p, 0) + Math.max(0, pieces.length - 1);
        }
      }
      if (len > 0) {
        total += len;
        parts++;
      }
    });
    return total + Math.max(0, parts - 1) * sepLen + 1;
  };

  const step = (l: Live) => l.unit.step ?? l.position + 1;
  const oldestFirst = (a: Live, b: Live) => step(a) - step(b) || a.block - b.block || a.position - b.position;
  const present = (cls: UnitClass) => live.filter((l) => l.unit.cls === cls && l.text !== null);

  // Each phase yields candidates in drop order; `apply` removes or shrinks one and records it.
  const phases: { candidates: () => Live[]; apply: (l: Live) => void }[] = [
    { candidates: () => present('rawDiff').sort(oldestFirst), apply: (l) => drop(l, 'rawDiff') },
    {
      candidates: () => present('tree').filter((l) => l.unit.compact !== undefined && l.text !== l.unit.compact).sort(oldestFirst),
      apply: (l) => {
        l.text = l.unit.compact === '' ? null : l.unit.compact!;
        note('fullTree', step(l));
      },
    },
    { candidates: () => present('screenshot').filter((l) => l.unit.unchanged).sort(oldestFirst), apply: (l) => drop(l, 'screenshot') },
    { candidates: () => present('screenshot').sort(oldestFirst), apply: (l) => drop(l, 'screenshot') },
    { candidates: () => present('tree').sort(oldestFirst), apply: (l) => drop(l, 'tree') },
    // The URL list is kept in first-visit order, so the latest additions go first.
    { candidates: () => present('url').sort((a, b) => oldestFirst(b, a)), apply: (l) => drop(l, 'url') },
    {
      candidates: () => {
        const entries = present('timeline').sort(oldestFirst);
        const quiet = entries.filter((l) => !l.unit.problem);
        const last = quiet.at(-1) === entries.at(-1) ? quiet.pop() : undefined;
        return [...quiet, ...(last ? [last] : []), ...entries.filter((l) => l.unit.problem)];
      },
      apply: (l) => drop(l, 'timeline'),
    },
  ];
  function drop(l: Live, kind: OmissionKind) {
    l.text = null;
    note(kind, step(l));
  }

  for (const phase of phases) {
    if (length() <= maxChars) break;
    for (const candidate of phase.candidates()) {
      if (length() <= maxChars) break;
      phase.apply(candidate);
    }
  }
  return { text: render(), omissions: omissions(), fits: length() <= maxChars };
}
