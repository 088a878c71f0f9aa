import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AgentTarget, Settings } from '@claude-scope/contracts';
import { ApiError, errorMessage } from '../../api/errors';
import { uploadRecording, type UploadHandle } from '../../api/upload';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { AGENTS } from '../../lib/agents';
import { checkTimeline } from '../../lib/timeline';
import { checkSeedUrl } from '../../lib/url';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { FileDrop } from './FileDrop';
import { Processing } from './Processing';
import type { RecordingInput } from './recording';
import { ScreenRecorder } from './ScreenRecorder';
import { UploadProgress } from './UploadProgress';
import './new.css';

type Phase = { name: 'edit' } | { name: 'upload'; fraction: number } | { name: 'process'; sessionId: string };

// Statuses that say "this file": 413 too large, 415 not a supported video.
const REFUSED_FILE = new Set([413, 415]);

const EMPTY: Fields = { title: '', seedUrl: '', notes: '', agentTarget: '', timeline: '' };

interface Fields {
  title: string;
  seedUrl: string;
  notes: string;
  agentTarget: AgentTarget | '';
  timeline: string;
}

/** Upload or record, describe, send (async mode), then follow the lanes until the prompt is ready. */
export function NewRecording() {
  useDocumentTitle('New recording');
  const settings = useApi<Settings>('/settings');
  const [source, setSource] = useState<'file' | 'screen'>('file');
  const [recording, setRecording] = useState<RecordingInput | null>(null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [invalid, setInvalid] = useState<Partial<Record<keyof Fields | 'recording', string>>>({});
  const [phase, setPhase] = useState<Phase>({ name: 'edit' });
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<UploadHandle | null>(null);

  useEffect(() => () => upload.current?.abort(), []);
  const agentTarget = fields.agentTarget || settings.data?.defaultAgent || 'CLAUDE_CODE';
  // A file picked before switching to the recorder (or back) is kept, but only the visible source is sent.
  const current = recording?.source === source ? recording : null;
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setInvalid(({ [key]: _fixed, ...rest }) => rest); // an edited field is re-checked on the next submit
  };

  // A new pick replaces the last complaint about the recording: FileDrop and ScreenRecorder say what is
  // wrong with the new one themselves, so two messages never stack.
  const choose = (value: RecordingInput | null) => {
    setRecording(value);
    setInvalid(({ recording: _old, ...rest }) => rest);
  };

  const send = async () => {
    const recording = current;
    if (!recording) return;
    setError(null);
    setPhase({ name: 'upload', fraction: 0 });
    const handle = uploadRecording(
      recording.blob,
      recording.name,
      { title: fields.title.trim(), seedUrl: fields.seedUrl.trim(), notes: fields.notes.trim() || undefined, agentTarget, durationMs: recording.durationMs, timeline: fields.timeline.trim() || undefined },
      (fraction) => setPhase((p) => (p.name === 'upload' ? { name: 'upload', fraction } : p)),
    );
    upload.current = handle;
    try {
      const res = await handle.promise;
      setPhase({ name: 'process', sessionId: res.sessionId });
    } catch (err) {
      if ((err as Error).name === 'AbortError') return setPhase({ name: 'edit' });
      setPhase({ name: 'edit' });
      if (err instanceof ApiError && REFUSED_FILE.has(err.status)) {
        // The server refused this file (not a video, too large): it is no longer the chosen one, and the
        // reason stands next to the drop zone rather than above the form.
        setRecording(null);
        setInvalid((v) => ({ ...v, recording: err.message }));
        return;
      }
      setError(errorMessage(err));
    } finally {
      upload.current = null;
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof invalid = {};
    if (!current) problems.recording = source === 'file' ? 'Choose a recording to upload.' : 'Record your screen first.';
    if (!fields.title.trim()) problems.title = 'Give the session a title.';
    const url = checkSeedUrl(fields.seedUrl);
    if (url) problems.seedUrl = url;
    const timeline = checkTimeline(fields.timeline);
    if (timeline) problems.timeline = timeline;
    setInvalid(problems);
    if (Object.keys(problems).length) {
      const first = Object.keys(problems)[0] === 'recording' ? (source === 'file' ? 'recording-file' : null) : Object.keys(problems)[0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    void send();
  };

  if (phase.name === 'upload') {
    return (
      <NewRecordingLayout>
        <UploadProgress fraction={phase.fraction} name={current?.name ?? ''} size={current?.size ?? 0} onCancel={() => upload.current?.abort()} />
      </NewRecordingLayout>
    );
  }
  if (phase.name === 'process') {
    return (
      <NewRecordingLayout>
        <Processing sessionId={phase.sessionId} title={fields.title} onRetry={() => void send()} onEdit={() => setPhase({ name: 'edit' })}
          onNew={() => {
            setFields(EMPTY);
            setRecording(null);
            setPhase({ name: 'edit' });
          }}
        />
      </NewRecordingLayout>
    );
  }

  return (
    <NewRecordingLayout>
      {error && <ErrorNotice title="The upload did not go through" message={error} />}
      <form className="new-form" onSubmit={submit} noValidate aria-label="New recording">
        <section className="card" aria-labelledby="source-heading">
          <h2 id="source-heading" className="card__title">
            Recording
          </h2>
          <div className="segmented" role="radiogroup" aria-label="Source">
            {(['file', 'screen'] as const).map((s) => (
              <label key={s} className="segmented__option">
                <input type="radio" name="source" value={s} checked={source === s} onChange={() => setSource(s)} />
                <span>{s === 'file' ? 'Upload a file' : 'Record in the browser'}</span>
              </label>
            ))}
          </div>
          {source === 'file' ? (
            <FileDrop value={recording?.source === 'file' ? recording : null} onChange={choose} />
          ) : (
            <ScreenRecorder maxMinutes={settings.data?.maxRecordingLength ?? 10} value={recording?.source === 'screen' ? recording : null} onChange={choose} />
          )}
          {invalid.recording && !current && (
            <p className="field__error" role="alert">
              {invalid.recording}
            </p>
          )}
          <ul className="tips">
            <li>Start on the seed URL and reproduce one problem per recording.</li>
            <li>Pause briefly after each step, so every screen gets its own keyframe.</li>
            <li>Say what you expected in the notes; the agent reads them first.</li>
          </ul>
        </section>

        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading" className="card__title">
            Details
          </h2>
          <div className="stack">
            <TextField id="title" label="Title" value={fields.title} onChange={(v) => set('title', v)} error={invalid.title} maxLength={500} placeholder="Checkout button does nothing" required />
            <TextField
              id="seedUrl"
              label="Seed URL"
              type="url"
              value={fields.seedUrl}
              onChange={(v) => set('seedUrl', v)}
              error={invalid.seedUrl}
              hint="Where the recording starts. A real browser opens it to capture the page's accessibility tree."
              placeholder="https://app.example.com/cart"
              required
            />
            <div className="field">
              <label htmlFor="notes">
                Notes <span className="muted">(optional)</span>
              </label>
              <textarea id="notes" rows={3} maxLength={2000} value={fields.notes} onChange={(e) => set('notes', e.target.value)} aria-describedby="notes-count" placeholder="What did you expect to happen?" />
              <p className="field__hint field__hint--end" id="notes-count">
                {fields.notes.length} / 2000
              </p>
            </div>
            <div className="field">
              <label htmlFor="agentTarget">Agent</label>
              <select id="agentTarget" value={agentTarget} onChange={(e) => set('agentTarget', e.target.value as AgentTarget)}>
                {AGENTS.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
            <details className="advanced" open={Boolean(invalid.timeline) || undefined}>
              <summary>Advanced</summary>
              <div className="field">
                <label htmlFor="timeline">
                  Timeline <span className="muted">(optional JSON)</span>
                </label>
                <textarea
                  id="timeline"
                  rows={4}
                  className="mono"
                  value={fields.timeline}
                  onChange={(e) => set('timeline', e.target.value)}
                  aria-invalid={invalid.timeline ? true : undefined}
                  aria-describedby={invalid.timeline ? 'timeline-hint timeline-error' : 'timeline-hint'}
                  placeholder='[{"t":0,"type":"navigate","url":"https://app.example.com/login"},{"t":2100,"type":"click","role":"button","name":"Sign in"}]'
                  spellCheck={false}
                />
                <p className="field__hint" id="timeline-hint">
                  What you did and when (ms from the start): navigate, click, fill, press, scroll. The browser replays it to capture the tree after each step.
                </p>
                {invalid.timeline && (
                  <p className="field__error" id="timeline-error">
                    {invalid.timeline}
                  </p>
                )}
              </div>
            </details>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary">
              Analyze recording
            </button>
          </div>
        </section>
      </form>
    </NewRecordingLayout>
  );
}

function NewRecordingLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="page__head">
        <div>
          <h1 className="page__title">New recording</h1>
          <p className="page__lead">Upload or record a browser session; Claude Scope turns it into an agent-ready prompt.</p>
        </div>
      </div>
      {children}
    </>
  );
}
