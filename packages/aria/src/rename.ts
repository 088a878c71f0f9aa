import type { AriaNode } from '@claude-scope/contracts';

// Names are page text: compared on a bounded prefix so a huge name costs no more than a short one.
const MAX_NAME = 200;
// Beyond this many unmatched nodes of one role in one gap, only exact counter matches are tried.
const MAX_FUZZY = 64;

/**
 * Pairs siblings left unmatched by identity (role + name) when one is the other renamed in place:
 * a counter (`link "Cart (2)"` → `"Cart (3)"`), a label that grew (`"Save"` → `"Save draft"`).
 * A pair must have the same role, both names, and sit in the same gap between siblings matched
 * already (so an item inserted at the top never pairs with one removed further down, and reordered
 * siblings pair nothing); within a gap the most alike names pair first. Alike means equal once
 * digits are ignored, or sharing at least half their words, or — when the gap holds exactly one such
 * node on each side — sharing any word. Fills `result` (prev index per next index) in place.
 */
export function pairRenamed(prev: readonly AriaNode[], next: readonly AriaNode[], result: (number | undefined)[]): void {
  const used = new Set<number>();
  for (const p of result) if (p !== undefined) used.add(p);
  if (used.size === prev.length) return;

  for (const gap of gaps(prev.length, result)) {
    const freePrev = gap.prev.filter((p) => !used.has(p) && prev[p]!.name !== '');
    const freeNext = gap.next.filter((n) => next[n]!.name !== '');
    if (!freePrev.length || !freeNext.length) continue;
    const byRole = new Map<string, { p: number[]; n: number[] }>();
    for (const p of freePrev) entry(byRole, prev[p]!.role).p.push(p);
    for (const n of freeNext) entry(byRole, next[n]!.role).n.push(n);
    for (const { p: ps, n: ns } of byRole.values()) {
      if (!ps.length || !ns.length) continue;
      const oneForOne = ps.length === 1 && ns.length === 1;
      const fuzzy = ps.length <= MAX_FUZZY && ns.length <= MAX_FUZZY;
      const candidates: { n: number; p: number; score: number }[] = [];
      if (fuzzy) {
        for (const n of ns) {
          const a = words(next[n]!.name);
          for (const p of ps) {
            const b = words(prev[p]!.name);
            const score = a.counter === b.counter ? 2 : overlap(a.words, b.words);
            if (score >= 0.5 || (oneForOne && score > 0)) candidates.push({ n, p, score });
          }
        }
      } else {
        // Long runs (a re-rendered table): exact counter matches only, through a map, so this stays linear.
        const byCounter = new Map<string, number[]>();
        for (const p of ps) {
          const key = words(prev[p]!.name).counter;
          const list = byCounter.get(key);
          if (list) list.push(p);
          else byCounter.set(key, [p]);
        }
        for (const n of ns) for (const p of byCounter.get(words(next[n]!.name).counter)?.slice(0, 4) ?? []) candidates.push({ n, p, score: 2 });
      }
      // Most alike first; ties by nearness in the gap, then document order, so the result is stable.
      candidates.sort((x, y) => y.score - x.score || Math.abs(x.n - x.p) - Math.abs(y.n - y.p) || x.n - y.n || x.p - y.p);
      for (const c of candidates) {
        if (result[c.n] !== undefined || used.has(c.p)) continue;
        result[c.n] = c.p;
        used.add(c.p);
      }
    }
  }
}

interface Gap {
  prev: number[];
  next: number[];
}

/**
 * The runs of unmatched next nodes, each with the prev indices strictly between the prev
 * counterparts of its matched neighbours. A run whose neighbours are out of order (siblings that
 * moved) gets no prev indices.
 */
function gaps(prevLength: number, result: readonly (number | undefined)[]): Gap[] {
  const out: Gap[] = [];
  let lo = -1;
  let run: number[] = [];
  const close = (hi: number) => {
    if (run.length) out.push({ next: run, prev: range(lo + 1, hi) });
    run = [];
  };
  for (let n = 0; n < result.length; n++) {
    const p = result[n];
    if (p === undefined) {
      run.push(n);
      continue;
    }
    close(p);
    lo = p;
  }
  close(prevLength);
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

function entry(map: Map<string, { p: number[]; n: number[] }>, role: string) {
  let e = map.get(role);
  if (!e) map.set(role, (e = { p: [], n: [] }));
  return e;
}

const cache = new Map<string, { counter: string; words: Set<string> }>();

/** The name with digit runs folded (`cart (#)`), and its lower-cased words. */
function words(name: string): { counter: string; words: Set<string> } {
  const key = name.slice(0, MAX_NAME);
  let w = cache.get(key);
  if (!w) {
    const lower = key.toLowerCase();
    w = { counter: lower.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim(), words: new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []) };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, w);
  }
  return w;
}

/** Jaccard overlap of two word sets (0–1). */
function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}
