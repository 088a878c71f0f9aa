import type { Truth } from '@claude-scope/testkit';
import { inferredTimeline, type InferredFrame } from '@claude-scope/vision';

export interface Tally {
  hit: number;
  of: number;
}

export interface VisionScore {
  /** Timeline clicks and fills whose target label an inferred action names. */
  acted: Tally;
  /** Fills of readable (non-secret) text whose value an inferred fill carries. */
  typed: Tally;
  /** URLs the user was at (navigations), where the recording shows an address bar, that some frame reads. */
  urls: Tally;
  missed: string[];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const SECRET = /password|passcode|pin|secret|token|card|cvc/i;

/** Scores the vision lane's reading of a recording against its ground-truth timeline. */
export function scoreVision(truth: Truth, frames: readonly InferredFrame[], addressBar: boolean): VisionScore {
  const actions = inferredTimeline(frames);
  const named = actions.flatMap((a) => ('name' in a ? [norm(a.name)] : []));
  const values = actions.flatMap((a) => (a.type === 'fill' ? [norm(a.value)] : []));
  const urls = new Set(frames.flatMap((f) => (f.url ? [f.url.replace(/\/$/, '')] : [])));
  const s: VisionScore = { acted: { hit: 0, of: 0 }, typed: { hit: 0, of: 0 }, urls: { hit: 0, of: 0 }, missed: [] };
  for (const e of truth.timeline) {
    if (e.type === 'click' || e.type === 'fill') {
      s.acted.of++;
      if (named.some((n) => n === norm(e.name) || (n.length >= 3 && (n.includes(norm(e.name)) || norm(e.name).includes(n))))) s.acted.hit++;
      else s.missed.push(`${e.type} "${e.name}"`);
    }
    if (e.type === 'fill' && !SECRET.test(e.name)) {
      s.typed.of++;
      if (values.some((v) => v === norm(e.value))) s.typed.hit++;
      else s.missed.push(`typed "${e.value}"`);
    }
  }
  if (addressBar) {
    const visited = new Set([truth.steps[0]?.url, ...truth.steps.map((st) => st.url)].filter((u): u is string => !!u).map((u) => u.replace(/\/$/, '')));
    for (const u of visited) {
      s.urls.of++;
      if (urls.has(u)) s.urls.hit++;
      else s.missed.push(`url ${u}`);
    }
  }
  return s;
}
