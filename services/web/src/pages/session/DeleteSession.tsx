import { useState } from 'react';
import type { Session } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toasts';
import { plural } from '../../lib/format';
import { navigate } from '../../router/router';

/** Delete with a confirmation: frames and stored images go with it, for good. */
export function DeleteSession({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const remove = async () => {
    setBusy(true);
    try {
      await api(`/sessions/${session.id}`, { method: 'DELETE' });
      toast.success(`Deleted “${session.title}”.`);
      navigate('/sessions');
    } catch (err) {
      toast.error(`Could not delete the session: ${errorMessage(err)}`);
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <button type="button" className="btn btn--danger-ghost btn--sm" onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog open={open} title="Delete this session?" confirmLabel="Delete session" busy={busy} busyLabel="Deleting…" onConfirm={remove} onCancel={() => setOpen(false)}>
        <p>
          “{session.title}”{session.frameCount ? ` and its ${plural(session.frameCount, 'frame')}` : ''} will be deleted permanently. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
