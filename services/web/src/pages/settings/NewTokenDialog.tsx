import { useEffect, useRef, useState } from 'react';
import type { CreatedApiToken } from '@claude-scope/contracts';
import { copyText } from '../../lib/clipboard';

/**
 * Shows a new token's secret, the only time it can be seen: the API stores a hash. Closing forgets it
 * (the parent drops it from state).
 */
export function NewTokenDialog({ token, onClose }: { token: CreatedApiToken | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (token && !d.open) d.showModal();
    if (!token && d.open) d.close();
    setCopied(null);
  }, [token]);

  const copy = async () => {
    if (!token) return;
    try {
      await copyText(token.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby="new-token-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="new-token-title" className="dialog__title">
        Copy your new token
      </h2>
      {token && (
        <div className="dialog__body">
          <p>
            This is the only time “{token.name}” is shown. Store it somewhere safe, such as your agent's secret settings or{' '}
            <code>CLAUDE_SCOPE_TOKEN</code>.
          </p>
          <div className="tokens__secret">
            <input className="tokens__value" aria-label="New API token" readOnly value={token.token} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn btn--sm" onClick={copy}>
              {copied === 'yes' ? 'Copied' : 'Copy'}
            </button>
          </div>
          <p role="status" className="field__hint">
            {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'The browser refused to copy: select the token and copy it yourself.' : ''}
          </p>
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </dialog>
  );
}
