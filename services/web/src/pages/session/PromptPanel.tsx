import { useEffect, useState } from 'react';
import type { AgentTarget, PromptResponse, Session } from '@claude-scope/contracts';
import { api } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { Loading } from '../../components/Loading';
import { Tabs } from '../../components/Tabs';
import { useToast } from '../../components/Toasts';
import { AGENTS, agentLabel } from '../../lib/agents';
import { copyText } from '../../lib/clipboard';

type Entry = { prompt: string } | { error: string } | 'loading';

/**
 * The prompt, one tab per agent. The session's own agent's prompt comes with the session; the others are
 * rendered by the API from the stored analysis on first view and kept.
 */
export function PromptPanel({ session }: { session: Session }) {
  const [agent, setAgent] = useState<AgentTarget>(session.agentTarget);
  const [entries, setEntries] = useState<Partial<Record<AgentTarget, Entry>>>({ [session.agentTarget]: { prompt: session.prompt } });
  const [copied, setCopied] = useState(false);
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
            <p className="prompt__meta">
              {ready!.prompt.length.toLocaleString('en')} characters
              {agent === session.agentTarget ? ' · generated with the session' : ' · rendered with your current settings'}
            </p>
            <pre className="prompt__text" tabIndex={0} aria-label={`${agentLabel(agent)} prompt`}>
              {ready!.prompt}
            </pre>
          </>
        )}
      </Tabs>
    </section>
  );
}
