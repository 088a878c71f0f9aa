import { useRef, useState, type KeyboardEvent } from 'react';
import type { Session } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useToast } from '../../components/Toasts';

interface Props {
  session: Session;
  onSaved: (session: Session) => void;
}

/**
 * The page title, renamed in place: Enter or leaving the field saves (PATCH), Escape cancels. The new
 * title shows at once and reverts, with an error toast, if the API refuses it. A processed session's
 * stored prompt is re-rendered with it, so the prompt never names the old title.
 */
export function TitleEditor({ session, onSaved }: Props) {
  const [title, setTitle] = useState(session.title);
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const settled = useRef(false); // Enter unmounts the input, which may blur it: save once
  const toast = useToast();

  const start = () => {
    settled.current = false;
    setDraft(title);
  };

  const commit = async () => {
    if (settled.current || draft === null) return;
    settled.current = true;
    const next = draft.trim();
    setDraft(null);
    if (!next || next === title) return;
    const previous = title;
    setTitle(next);
    setSaving(true);
    try {
      // A processed session's stored prompt names the session: re-render it with the new title (?rerender).
      const query = session.status === 'complete' ? '?rerender=true' : '';
      onSaved(await api<Session>(`/sessions/${session.id}${query}`, { method: 'PATCH', body: { title: next } }));
    } catch (err) {
      setTitle(previous);
      toast.error(`Could not rename the session: ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    settled.current = true;
    setDraft(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };

  if (draft !== null) {
    return (
      <div className="title-edit">
        <label htmlFor="session-title" className="visually-hidden">
          Session title
        </label>
        <input
          id="session-title"
          className="title-edit__input"
          value={draft}
          maxLength={500}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => void commit()}
          aria-describedby="session-title-hint"
        />
        <p id="session-title-hint" className="field__hint">
          Enter to save, Escape to cancel
        </p>
      </div>
    );
  }

  return (
    <div className="title-row">
      <h1 className="page__title">{title}</h1>
      <button type="button" className="btn btn--ghost btn--sm" onClick={start} disabled={saving}>
        <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
          <path d="M13.6 3.4l3 3L7 16H4v-3z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        {saving ? 'Saving…' : 'Rename'}
      </button>
    </div>
  );
}
