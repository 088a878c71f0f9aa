import { useEffect, useState } from 'react';
import type { AgentTarget, PromptResponse, Session } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { Loading } from '../../components/Loading';
import { Tabs } from '../../components/Tabs';
import { useToast } from '../../components/Toasts';
import { AGENTS, agentLabel } from '../../lib/agents';
import { copyText } from '../../lib/clipboard';
import { PromptViewer, type PromptView } from './PromptViewer';

type Entry = { prompt: string } | { error: string } | 'loading';

/**
 * The prompt, one tab per agent. The session's own agent's prompt comes with the session; the others are
 * rendered by the API from the stored analysis on first view and kept. Another agent's prompt can be made
 * the session's own (PATCH ?rerender=true: its agent and stored prompt change together).
 */
export function PromptPanel({ session, onSessionChange }: { session: Session; onSessionChange: (s: Session) => void }) {
  const [agent, setAgent] = useState<AgentTarget>(session.agentTarget);
  const [saving, setSaving] = useState(false);
  const [entries, setEntries] = useState<Partial<Record<AgentTarget, Entry>>>({ [session.agentTarget]: { prompt: session.prompt } });
  const [copied, setCopied] = useState(false);
  const [view, setView] = useState<PromptView>('sections');
  const toast = useToast();
  const entry = entries[agent];

  useEffect(() => {
    if (entries[agent]) return;
    setEntries((e) => ({ ...e, [agent]: 'loading' }));
    api<PromptResponse>(`/sessions/${session.id}/prompt?agentTarget=${agent}`)
      .then((r) => setEntries((e) => ({ ...e, [agent]: { prompt: r.prompt } })))
      .catch((err: unknown) => setEntries((e) => ({ ...e, [agent]: { error: errorMessage(err) } })));
  }, [agent, entries, session.id]);

  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);

  const copy = async () => {
    if (!entry || entry === 'loading' || !('prompt' in entry)) return;
    try {
      await copyText(entry.prompt);
      setCopied(true);
      toast.success(`${agentLabel(agent)} prompt copied to the clipboard.`);
    } catch (err) {
      toast.error(`Could not copy: ${errorMessage(err)}`);
    }
  };

  const adopt = async () => {
    setSaving(true);
    try {
      const updated = await api<Session>(`/sessions/${session.id}?rerender=true`, { method: 'PATCH', body: { agentTarget: agent } });
      // Only the new stored prompt is known for sure now; other tabs render again when viewed.
      setEntries({ [updated.agentTarget]: { prompt: updated.prompt } });
      onSessionChange(updated);
      toast.success(`This session's prompt is now the ${agentLabel(agent)} one.`);
    } catch (err) {
      toast.error(`Could not change the session's agent: ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  const ready = entry && entry !== 'loading' && 'prompt' in entry ? entry : null;
  return (
    <section className="card prompt" aria-labelledby="prompt-heading">
      <div className="card__head">
        <h2 id="prompt-heading" className="card__title">
          Prompt
        </h2>
        <button type="button" className="btn btn--sm btn--primary" onClick={copy} disabled={!ready} aria-live="polite">
          {copied ? 'Copied' : 'Copy prompt'}
        </button>
      </div>
      <Tabs label="Agent" idPrefix="prompt" tabs={AGENTS} selected={agent} onSelect={setAgent}>
        {!entry || entry === 'loading' ? (
          <Loading label={`Rendering the ${agentLabel(agent)} prompt…`} lines={6} />
        ) : 'error' in entry ? (
          <p className="notice notice--info">{entry.error}</p>
        ) : (
          <>
            <div className="prompt__meta">
              <span>{agent === session.agentTarget ? "The session's prompt" : 'Rendered with your current settings'}</span>
              {agent !== session.agentTarget && (
                <button type="button" className="btn btn--sm" onClick={adopt} disabled={saving}>
                  {saving ? 'Saving…' : `Use ${agentLabel(agent)} for this session`}
                </button>
              )}
            </div>
            <PromptViewer key={agent} prompt={ready!.prompt} agent={agent} title={session.title} view={view} onViewChange={setView} />
          </>
        )}
      </Tabs>
    </section>
  );
}
