import { useMemo, useState } from 'react';
import type { AgentTarget } from '@claude-scope/contracts';
import { agentLabel } from '../../lib/agents';
import { plural } from '../../lib/format';
import { approxTokens, promptFileName, promptLines, splitPrompt } from '../../lib/prompt-sections';

export type PromptView = 'sections' | 'text';

interface Props {
  prompt: string;
  agent: AgentTarget;
  title: string;
  view: PromptView;
  onViewChange: (view: PromptView) => void;
}

// Sections longer than this start folded (a long element list), so the first view shows the whole outline.
const FOLD_OVER_LINES = 80;

/**
 * The prompt as its reader sees it: one foldable block per section with its heading, screenshots as
 * pictures (not 45 000 characters of base64), its size in characters and approximate tokens, and the
 * exact text to download. Copying is the panel's button; the text copied and downloaded is the prompt as
 * stored, byte for byte.
 */
export function PromptViewer({ prompt, agent, title, view, onViewChange }: Props) {
  const sections = useMemo(() => splitPrompt(prompt, agent), [prompt, agent]);
  const [open, setOpen] = useState<Set<number>>(() => new Set(sections.flatMap((s, i) => (s.lines.length <= FOLD_OVER_LINES ? [i] : []))));
  const allOpen = open.size === sections.length;
  const label = agentLabel(agent);

  const download = (ext: 'md' | 'txt') => {
    const url = URL.createObjectURL(new Blob([prompt], { type: ext === 'md' ? 'text/markdown' : 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = promptFileName(title, agent, ext);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="prompt-viewer">
      <div className="prompt-viewer__bar">
        <span className="prompt-viewer__size">
          <span id="prompt-size">
            {prompt.length.toLocaleString('en')} characters · ~{approxTokens(prompt).toLocaleString('en')} tokens
          </span>{' '}
          <span className="prompt-viewer__estimate">(estimated as characters ÷ 4; the agent's tokenizer may count differently)</span>
        </span>
        <div className="row">
          <button type="button" className="btn btn--ghost btn--sm" aria-pressed={view === 'text'} onClick={() => onViewChange(view === 'text' ? 'sections' : 'text')}>
            Plain text
          </button>
          {view === 'sections' && (
            <button type="button" className="btn btn--ghost btn--sm" onClick={() => setOpen(allOpen ? new Set() : new Set(sections.map((_, i) => i)))}>
              {allOpen ? 'Collapse all' : 'Expand all'}
            </button>
          )}
          <button type="button" className="btn btn--sm" onClick={() => download('md')}>
            Download .md
          </button>
          <button type="button" className="btn btn--sm" onClick={() => download('txt')}>
            Download .txt
          </button>
        </div>
      </div>
      {view === 'text' ? (
        <pre className="prompt__text" tabIndex={0} aria-label={`${label} prompt`}>
          {prompt}
        </pre>
      ) : (
      <div className="prompt-viewer__sections" aria-label={`${label} prompt`} role="region">
        {sections.map((section, i) => (
          <details
            key={`${i}-${section.heading ?? ''}`}
            className="prompt-section"
            open={open.has(i)}
            onToggle={(e) => {
              const isOpen = e.currentTarget.open;
              setOpen((prev) => {
                if (isOpen === prev.has(i)) return prev;
                const next = new Set(prev);
                if (isOpen) next.add(i);
                else next.delete(i);
                return next;
              });
            }}
          >
            <summary className="prompt-section__heading">
              {section.heading ?? 'Opening'}
              <span className="prompt-section__count muted"> · {plural(section.lines.length, 'line')}</span>
            </summary>
            <div className="prompt-section__body">
              {promptLines(section.lines).map((line, j) =>
                line.kind === 'image' ? (
                  <figure key={j} className="prompt-section__image">
                    <img src={line.src} alt={line.label} loading="lazy" />
                    <figcaption>{line.label}</figcaption>
                  </figure>
                ) : (
                  <div key={j} className="prompt-section__line">
                    {line.text || '\u00a0'}
                  </div>
                ),
              )}
            </div>
          </details>
        ))}
      </div>
      )}
    </div>
  );
}
