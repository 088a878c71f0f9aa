import type { ReactNode } from 'react';
import type { Session } from '@claude-scope/contracts';
import { agentLabel } from '../../lib/agents';
import { formatClock, formatDate, formatMs } from '../../lib/format';
import { StatusBadge } from '../../components/StatusBadge';

/** Everything known about the session, in one definition list. */
export function MetaPanel({ session }: { session: Session }) {
  return (
    <section className="card meta" aria-labelledby="meta-heading">
      <h2 id="meta-heading" className="card__title">
        Details
      </h2>
      <dl className="meta__list">
        <Item label="Status">
          <StatusBadge status={session.status} />
        </Item>
        <Item label="Agent">{agentLabel(session.agentTarget)}</Item>
        <Item label="Duration">{formatClock(session.duration)}</Item>
        <Item label="Frames">{session.frameCount}</Item>
        <Item label="Processing">{session.processingTime ? formatMs(session.processingTime) : '—'}</Item>
        <Item label="Seed URL" wide>
          {session.seedUrl ? (
            <a href={session.seedUrl} target="_blank" rel="noreferrer noopener" className="break">
              {session.seedUrl}
            </a>
          ) : (
            '—'
          )}
        </Item>
        <Item label={`URLs visited (${session.urlCount})`} wide>
          {session.urls.length ? (
            <ul className="meta__urls">
              {session.urls.map((u) => (
                <li key={u} className="break">
                  {u}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </Item>
        <Item label="Notes" wide>
          {session.notes ? <span className="meta__notes">{session.notes}</span> : <span className="muted">None</span>}
        </Item>
        <Item label="Created" wide>
          <time dateTime={session.createdAt}>{formatDate(session.createdAt)}</time>
        </Item>
        <Item label="Updated" wide>
          <time dateTime={session.updatedAt}>{formatDate(session.updatedAt)}</time>
        </Item>
        <Item label="Session ID" wide>
          <code>{session.id}</code>
        </Item>
      </dl>
    </section>
  );
}

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'meta__item meta__item--wide' : 'meta__item'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
