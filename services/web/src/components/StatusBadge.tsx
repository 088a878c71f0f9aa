import type { SessionStatus } from '@claude-scope/contracts';

const LABELS: Record<SessionStatus, string> = { processing: 'Processing', complete: 'Complete', error: 'Error' };

export function StatusBadge({ status }: { status: SessionStatus }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
