import { useState } from 'react';
import type { Session } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toasts';
import { plural } from '../../lib/format';

// DELETEs in flight at once: quick for a page of sessions without a burst of 50 requests.
const PARALLEL = 4;

interface Props {
  sessions: readonly Session[];
  /** The ids the API deleted (a session already gone, 404, counts as deleted). */
  onDeleted: (ids: ReadonlySet<string>) => void;
  onClear: () => void;
}

/** The selected sessions' bar: how many, and Delete after a confirmation that names them. */
export function BulkDelete({ sessions, onDeleted, onClear }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const n = sessions.length;

  const remove = async () => {
    setBusy(true);
    const deleted = new Set<string>();
    const failed: string[] = [];
    const queue = [...sessions];
    const work = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        try {
          await api(`/sessions/${s.id}`, { method: 'DELETE' });
          deleted.add(s.id);
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) deleted.add(s.id);
          else failed.push(`“${s.title}”: ${errorMessage(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, n) }, work));
    onDeleted(deleted);
    setBusy(false);
    setOpen(false);
    if (failed.length) toast.error(`Deleted ${plural(deleted.size, 'session')}; could not delete ${failed.length}: ${failed.slice(0, 3).join('; ')}`);
    else toast.success(`Deleted ${plural(deleted.size, 'session')}.`);
  };

  if (n === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label="Selected sessions">
      <span className="bulk-bar__count">{plural(n, 'session')} selected</span>
      <button type="button" className="btn btn--sm btn--ghost" onClick={onClear}>
        Clear selection
      </button>
      <button type="button" className="btn btn--sm btn--danger" onClick={() => setOpen(true)}>
        Delete selected…
      </button>
      <ConfirmDialog
        open={open}
        title={n === 1 ? 'Delete this session?' : `Delete ${n} sessions?`}
        confirmLabel={`Delete ${plural(n, 'session')}`}
        busy={busy}
        busyLabel="Deleting…"
        onConfirm={remove}
        onCancel={() => setOpen(false)}
      >
        <p>These will be deleted permanently, with their frames and images. This cannot be undone.</p>
        <ul className="bulk-bar__names">
          {sessions.slice(0, 8).map((s) => (
            <li key={s.id}>{s.title}</li>
          ))}
          {n > 8 && <li className="muted">and {n - 8} more</li>}
        </ul>
      </ConfirmDialog>
    </div>
  );
}
