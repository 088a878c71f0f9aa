import type { DiffSummary } from '@claude-scope/contracts';

/** Green +N (added), amber ~N (changed), red −N (removed); nothing for an unchanged step. */
export function DiffBadges({ diff }: { diff: DiffSummary }) {
  return (
    <span className="diff-badges">
      {diff.added > 0 && <span className="diff diff--added">+{diff.added}</span>}
      {diff.changed > 0 && <span className="diff diff--changed">~{diff.changed}</span>}
      {diff.removed > 0 && <span className="diff diff--removed">−{diff.removed}</span>}
    </span>
  );
}

export function describeDiff(diff: DiffSummary): string {
  const parts = [
    diff.added && `${diff.added} added`,
    diff.changed && `${diff.changed} changed`,
    diff.removed && `${diff.removed} removed`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}
