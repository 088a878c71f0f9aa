/** Summarises a V8 CPU profile: where the server's CPU went, by package and by function. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/.pnpm/<name>@<version>/… → <name>; node:… → node:<module>; the workspace by folder. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pnpm = /node_modules\/\.pnpm\/(?:@[^+/]+\+)?[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ws = /\/(packages\/[^/]+|services\/[^/]+|bench)\//.exec(url);
  if (ws) return ws[1]!;
  return url;
}

interface Line {
  name: string;
  selfPct: number;
  totalPct?: number;
}

export function summarise(profile: CpuProfile, top = 15): { busyMs: number; byPackage: Line[]; byPackageInclusive: Line[]; byFunction: Line[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const pkgSelf = new Map<string, number>();
  const pkgTotal = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const cat = categoryOf(node.callFrame.url, node.callFrame.functionName);
    pkgSelf.set(cat, (pkgSelf.get(cat) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url ? `${cat}:${node.callFrame.lineNumber + 1}` : ''}`.trim();
    fnSelf.set(fn, (fnSelf.get(fn) ?? 0) + us);
    // Inclusive: every package on this sample's stack gets the time once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      seen.add(categoryOf(f.url, f.functionName));
    }
    for (const c of seen) pkgTotal.set(c, (pkgTotal.get(c) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    busyMs: Math.round(busy / 1000),
    byPackage: sorted(pkgSelf).map(([name, us]) => ({ name, selfPct: pct(us), totalPct: pct(pkgTotal.get(name) ?? 0) })),
    byPackageInclusive: sorted(pkgTotal).map(([name, us]) => ({ name, selfPct: pct(pkgSelf.get(name) ?? 0), totalPct: pct(us) })),
    byFunction: sorted(fnSelf).map(([name, us]) => ({ name, selfPct: pct(us) })),
  };
}
