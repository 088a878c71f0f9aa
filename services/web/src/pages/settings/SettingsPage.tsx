import { useState, type FormEvent } from 'react';
import type { AgentTarget, Settings } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useToast } from '../../components/Toasts';
import { AGENTS, MAX_RECORDING_LENGTHS } from '../../lib/agents';
import { useApi } from '../../lib/use-api';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLeaveGuard } from '../../router/router';
import { ApiTokens } from './ApiTokens';
import './settings.css';

type Toggle = 'includeScreenshots' | 'inlineAriaTree' | 'includeRawDiff' | 'keepPlayback';
const PROMPT_TOGGLES: { key: Toggle; label: string; hint: string }[] = [
  { key: 'includeScreenshots', label: 'Include screenshots', hint: 'Embed frame thumbnails in the prompt as base64 images.' },
  { key: 'inlineAriaTree', label: 'Inline ARIA tree', hint: "Include each step's accessibility tree in the prompt." },
  { key: 'includeRawDiff', label: 'Include raw diff', hint: 'Append the node-level diff between frames to the prompt.' },
];
const RECORDING_TOGGLES: { key: Toggle; label: string; hint: string }[] = [
  {
    key: 'keepPlayback',
    label: 'Keep a playback copy',
    hint: 'Keep a smaller copy of each new recording so the session page can play it beside its frames. It is deleted with its session. Off: the video is removed once processed.',
  },
];

/** The account settings, saved together with PATCH /settings (they apply from the next upload on), and API tokens. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const saved = useApi<Settings>('/settings');
  const [draft, setDraft] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const value = draft ?? saved.data;
  const dirty = Boolean(draft && saved.data && JSON.stringify(draft) !== JSON.stringify(saved.data));
  const set = <K extends keyof Settings>(key: K, v: Settings[K]) => value && setDraft({ ...value, [key]: v });
  useLeaveGuard(dirty, 'Your settings have unsaved changes. Leave without saving them?');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !saved.data) return;
    const patch = Object.fromEntries(Object.entries(draft).filter(([k, v]) => saved.data![k as keyof Settings] !== v));
    setBusy(true);
    setError(null);
    try {
      const next = await api<Settings>('/settings', { method: 'PATCH', body: patch });
      saved.setData(next);
      setDraft(null);
      toast.success('Settings saved. They apply to your next upload.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page__head">
        <div>
          <h1 className="page__title">Settings</h1>
          <p className="page__lead">How your prompts are generated. Changes apply from the next upload on.</p>
        </div>
      </div>
      {saved.error ? (
        <ErrorNotice message={saved.error} action={<button className="btn btn--sm" onClick={saved.reload}>Retry</button>} />
      ) : !value ? (
        <div className="card">
          <Loading label="Loading settings…" lines={5} />
        </div>
      ) : (
        <form className="card settings" onSubmit={submit} aria-label="Settings">
          {error && <ErrorNotice title="Settings were not saved" message={error} />}
          <div className="settings__row">
            <div className="field">
              <label htmlFor="defaultAgent">Default agent</label>
              <select id="defaultAgent" value={value.defaultAgent} onChange={(e) => set('defaultAgent', e.target.value as AgentTarget)} aria-describedby="defaultAgent-hint">
                {AGENTS.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
              <p className="field__hint" id="defaultAgent-hint">
                Preselected for new recordings.
              </p>
            </div>
            <div className="field">
              <label htmlFor="maxRecordingLength">Maximum recording length</label>
              <select
                id="maxRecordingLength"
                value={value.maxRecordingLength}
                onChange={(e) => set('maxRecordingLength', Number(e.target.value) as Settings['maxRecordingLength'])}
                aria-describedby="maxRecordingLength-hint"
              >
                {MAX_RECORDING_LENGTHS.map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
              </select>
              <p className="field__hint" id="maxRecordingLength-hint">
                Longer recordings are refused; in-browser recording stops here.
              </p>
            </div>
          </div>
          <ToggleGroup legend="Prompt content" toggles={PROMPT_TOGGLES} value={value} set={set} />
          <ToggleGroup legend="Recordings" toggles={RECORDING_TOGGLES} value={value} set={set} />
          <div className="form-actions">
            <button type="button" className="btn btn--ghost" disabled={!dirty || busy} onClick={() => setDraft(null)}>
              Discard changes
            </button>
            <button type="submit" className="btn btn--primary" disabled={!dirty || busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </form>
      )}
      <ApiTokens />
    </>
  );
}

function ToggleGroup({ legend, toggles, value, set }: {
  legend: string;
  toggles: { key: Toggle; label: string; hint: string }[];
  value: Settings;
  set: (key: Toggle, v: boolean) => void;
}) {
  return (
    <fieldset className="settings__toggles">
      <legend>{legend}</legend>
      {toggles.map((t) => (
        <div key={t.key} className="check">
          <input id={t.key} type="checkbox" checked={value[t.key]} onChange={(e) => set(t.key, e.target.checked)} aria-describedby={`${t.key}-hint`} />
          <div>
            <label htmlFor={t.key}>{t.label}</label>
            <p className="field__hint" id={`${t.key}-hint`}>
              {t.hint}
            </p>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
