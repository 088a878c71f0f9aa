import { useEffect, useState } from 'react';
import type { SessionOverview } from '@claude-scope/contracts';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LaneProgress } from '../../components/LaneProgress';
import { Loading } from '../../components/Loading';
import { StatusBadge } from '../../components/StatusBadge';
import { formatClock, formatDate, plural } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useStatusPoll } from '../../lib/use-status-poll';
import { Link } from '../../router/router';
import { DeleteSession } from './DeleteSession';
import { FrameView } from './FrameView';
import { MetaPanel } from './MetaPanel';
import { Playback, type SeekRequest } from './Playback';
import { prefetchSessionPage, sessionPaths } from './prefetch';
import { PromptPanel } from './PromptPanel';
import { TimeTrack } from './TimeTrack';
import { TitleEditor } from './TitleEditor';
import { useSteps } from './use-steps';
import './session.css';

/** One session: prompt per agent, frames with their trees and diffs, details; live progress while processing. */
export function SessionDetail({ id }: { id: string }) {
  // The overview: every frame without its ARIA tree, so the first view does not wait for every tree (FrameView
  // fetches the selected frame's).
  // Its requests start now, during the first render (or earlier, from main.tsx, on a cold open), and the first
  // frame's tree is asked for when the overview answers, not after the page has drawn it.
  useState(() => prefetchSessionPage(id));
  const { data: session, error, setData, reload } = useApi<SessionOverview>(sessionPaths(id).overview);
  const [selected, setSelected] = useState(0);
  // A frame a person picks moves the player to it; a frame the player reaches only moves the selection.
  const [seek, setSeek] = useState<SeekRequest | null>(null);
  const steps = useSteps(id, session?.status === 'complete');
  useDocumentTitle(session?.title ?? 'Session');

  if (error) {
    return (
      <>
        <Breadcrumb />
        <h1 className="page__title">Session not available</h1>
        <ErrorNotice message={error} action={<Link to="/sessions" className="btn btn--sm">Back to sessions</Link>} />
      </>
    );
  }
  if (!session) {
    return (
      <>
        <Breadcrumb />
        <h1 className="page__title visually-hidden">Session</h1>
        <Loading label="Loading the session…" lines={6} />
      </>
    );
  }

  const at = Math.max(0, Math.min(selected, session.frames.length - 1));
  const frame = session.frames[at];
  const choose = (i: number) => {
    setSelected(i);
    const f = session.frames[i];
    if (f) setSeek((prev) => ({ ms: f.timestamp, n: (prev?.n ?? 0) + 1 }));
  };
  return (
    <>
      <Breadcrumb />
      <div className="page__head page__head--session">
        <div className="session-head">
          <TitleEditor session={session} onSaved={(s) => setData((prev) => ({ ...prev!, ...s }))} />
          <p className="session-head__sub">
            <StatusBadge status={session.status} />
            <span className="muted">Created {formatDate(session.createdAt)}</span>
          </p>
        </div>
        <DeleteSession session={session} />
      </div>

      {session.status === 'processing' && <ProcessingPanel id={session.id} onDone={reload} />}
      {session.status === 'error' && (
        <ErrorNotice
          title="This recording could not be processed"
          message={session.lastError ?? 'Unknown error'}
          action={
            <Link to="/new" className="btn btn--sm">
              Upload again
            </Link>
          }
        />
      )}

      <div className="session-grid">
        {session.status === 'complete' ? (
          <PromptPanel session={session} onSessionChange={(s) => setData((prev) => ({ ...prev!, ...s }))} />
        ) : (
          <section className="card" aria-labelledby="prompt-heading">
            <h2 id="prompt-heading" className="card__title">
              Prompt
            </h2>
            <p className="muted">{session.status === 'processing' ? 'The prompt appears here when processing finishes.' : 'No prompt was generated.'}</p>
          </section>
        )}
        <MetaPanel session={session} />
      </div>

      <section className="card section" aria-labelledby="frames-heading">
        <div className="card__head">
          <h2 id="frames-heading" className="card__title">
            Time track <span className="muted">· {plural(session.frames.length, 'frame')} over {formatClock(session.duration)}</span>
          </h2>
        </div>
        {frame ? (
          <>
            <Playback
              sessionId={session.id}
              complete={session.status === 'complete'}
              frames={session.frames}
              duration={session.duration}
              selected={at}
              seek={seek}
              onFollow={setSelected}
              onChoose={choose}
            />
            <TimeTrack frames={session.frames} duration={session.duration} steps={steps} selected={at} onSelect={choose} />
            <FrameView frame={frame} nextFrameId={session.frames[at + 1]?.id} index={at} total={session.frames.length} step={steps.of(frame, at)} steps={steps} />
          </>
        ) : (
          <EmptyState title={session.status === 'processing' ? 'Frames are being extracted' : 'No frames'}>
            {session.status === 'processing' ? 'Keyframes show up here once the analysis completes.' : 'This session has no frames.'}
          </EmptyState>
        )}
      </section>
    </>
  );
}

function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/sessions">← All sessions</Link>
    </nav>
  );
}

/** Polls while the session processes, then asks the page to reload the finished session. */
function ProcessingPanel({ id, onDone }: { id: string; onDone: () => void }) {
  const { status } = useStatusPoll(id);
  const finished = status && status.sessionStatus !== 'processing';
  useEffect(() => {
    if (finished) onDone();
  }, [finished, onDone]);
  return (
    <section className="card section" aria-labelledby="progress-heading">
      <h2 id="progress-heading" className="card__title">
        Processing
      </h2>
      <LaneProgress status={status} />
    </section>
  );
}
