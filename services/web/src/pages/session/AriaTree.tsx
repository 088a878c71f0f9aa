import { useId, useState } from 'react';
import type { AriaNode } from '@claude-scope/contracts';

const STRUCTURAL = new Set(['role', 'name', 'children', 'diffStatus']);

/** Keeps marked nodes and the path to them, for "only changes". */
function onlyChanges(nodes: readonly AriaNode[]): AriaNode[] {
  const out: AriaNode[] = [];
  for (const n of nodes) {
    if (n.diffStatus) out.push(n);
    else {
      const kids = onlyChanges(n.children ?? []);
      if (kids.length) out.push({ ...n, children: kids });
    }
  }
  return out;
}

function states(node: AriaNode): string[] {
  return Object.entries(node)
    .filter(([k, v]) => !STRUCTURAL.has(k) && v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => (v === true ? k : `${k}=${String(v)}`));
}

function Nodes({ nodes }: { nodes: readonly AriaNode[] }) {
  return (
    <ul>
      {nodes.map((n, i) => (
        <li key={i} className={n.diffStatus ? `node node--${n.diffStatus}` : 'node'}>
          <span className="node__line">
            <span className="node__role">{n.role}</span>
            {n.name && <span className="node__name">“{n.name}”</span>}
            {states(n).map((s) => (
              <span key={s} className="node__state">
                {s}
              </span>
            ))}
            {n.diffStatus && <span className={`node__mark node__mark--${n.diffStatus}`}>{n.diffStatus}</span>}
          </span>
          {n.children && n.children.length > 0 && <Nodes nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

/** A frame's accessibility tree with added / changed / removed nodes highlighted (and labelled, not only coloured). */
export function AriaTree({ tree, frameLabel }: { tree: readonly AriaNode[]; frameLabel: string }) {
  const [changesOnly, setChangesOnly] = useState(false);
  const id = useId();
  const shown = changesOnly ? onlyChanges(tree) : tree;
  return (
    <div className="aria-tree">
      <div className="aria-tree__bar">
        <ul className="legend" aria-label="Legend">
          <li className="legend__item legend__item--added">added</li>
          <li className="legend__item legend__item--changed">changed</li>
          <li className="legend__item legend__item--removed">removed</li>
        </ul>
        <label className="check check--inline" htmlFor={`${id}-changes`}>
          <input id={`${id}-changes`} type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />
          Only changes
        </label>
      </div>
      <div className="aria-tree__scroll" role="region" aria-label={`ARIA tree of ${frameLabel}`} tabIndex={0}>
        {shown.length ? <Nodes nodes={shown} /> : <p className="muted aria-tree__empty">{changesOnly ? 'Nothing changed in this frame.' : 'No ARIA tree was captured for this frame.'}</p>}
      </div>
    </div>
  );
}
