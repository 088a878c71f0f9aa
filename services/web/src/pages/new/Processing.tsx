import { useEffect, useRef } from 'react';
import { LaneProgress } from '../../components/LaneProgress';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';
import { useStatusPoll } from '../../lib/use-status-poll';
import { Link, navigate } from '../../router/router';

interface Props {
  sessionId: string;
  title: string;
  onRetry: () => void;
  onEdit: () => void;
  onNew: () => void;
}

/** After the 202: live lane progress until complete (open the session) or error (retry the same upload). */
export function Processing({ sessionId, title, onRetry, onEdit, onNew }: Props) {
  const { status, pollError } = useStatusPoll(sessionId);
  const done = status?.sessionStatus === 'complete';
  const failed = status?.sessionStatus === 'error';
  const openButton = useRef<HTMLAnchorElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    if (done) openButton.current?.focus();
  }, [done]);

  return (
    <section className="card" aria-labelledby="processing-heading">
      <div className="card__head">
        <h2 id="processing-heading" className="card__title" ref={heading} tabIndex={-1}>
          {done ? 'Your prompt is ready' : failed ? 'Processing failed' : 'Processing'} <span className="muted">· {title}</span>
        </h2>
        <Link to={`/sessions/${sessionId}`} className="muted small">
          {sessionId}
        </Link>
      </div>
      <LaneProgress status={status} />
      {pollError && !failed && <p className="field__hint">Could not refresh the status ({pollError}); trying again…</p>}
      {failed && (
        <ErrorNotice
          title="The recording could not be processed"
          message={status?.lastError ?? status?.processingStatus?.lastError ?? 'Unknown error'}
          action={
            <div className="row">
              <button type="button" className="btn btn--primary btn--sm" onClick={onRetry}>
                Retry upload
              </button>
              <button type="button" className="btn btn--sm" onClick={onEdit}>
                Edit details
              </button>
            </div>
          }
        />
      )}
      <div className="form-actions">
        {done ? (
          <>
            <button type="button" className="btn" onClick={onNew}>
              New recording
            </button>
            <Link ref={openButton} to={`/sessions/${sessionId}`} className="btn btn--primary">
              Open session
            </Link>
          </>
        ) : (
          !failed && (
            <button type="button" className="btn btn--ghost" onClick={() => navigate('/sessions')}>
              Continue in the background
            </button>
          )
        )}
      </div>
    </section>
  );
}
