import type { Session } from '@claude-scope/contracts';
import { agentLabel } from '../lib/agents';
import { formatClock, formatDate } from '../lib/format';
import type { Sort, SortKey } from '../pages/sessions/sort';
import { Link } from '../router/router';
import { SessionThumb } from './SessionThumb';
import { StatusBadge } from './StatusBadge';

export interface Selection {
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
}

interface Props {
  sessions: readonly Session[];
  caption: string;
  /** Checkboxes for bulk actions (the sessions page). */
  selection?: Selection;
  /** Sortable column headers (the sessions page); without it the rows keep the order given. */
  sort?: { current: Sort | null; onSort: (key: SortKey) => void };
  /** A small picture of each session's first frame before its title (the sessions page). */
  thumbnails?: boolean;
}

const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'title', label: 'Title' },
  { key: 'agent', label: 'Agent' },
  { key: 'status', label: 'Status' },
  { key: 'duration', label: 'Duration', num: true },
  { key: 'frames', label: 'Frames', num: true },
  { key: 'created', label: 'Created' },
];

/**
 * Sessions as a table: (a picture,) title, agent, status, duration, frame count, created. The whole row opens the session
 * (the title link's hit area covers the row, so it is still one link for the keyboard and a screen reader).
 */
export function SessionTable({ sessions, caption, selection, sort, thumbnails }: Props) {
  const allSelected = Boolean(selection) && sessions.length > 0 && sessions.every((s) => selection!.selected.has(s.id));
  const someSelected = Boolean(selection) && sessions.some((s) => selection!.selected.has(s.id));
  return (
    <div className="table-wrap">
      <table className="table table--rows">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="table__check">
                <input
                  type="checkbox"
                  aria-label="Select all shown sessions"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  onChange={(e) => selection.onToggleAll(e.target.checked)}
                />
              </th>
            )}
            {thumbnails && (
              <th scope="col" className="table__thumb">
                <span className="visually-hidden">Picture</span>
              </th>
            )}
            {COLUMNS.map((c) => {
              const dir = sort?.current?.key === c.key ? sort.current.dir : null;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.num ? 'num' : undefined}
                  aria-sort={sort ? (dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {sort ? (
                    <button type="button" className="table__sort" onClick={() => sort.onSort(c.key)}>
                      {c.label}
                      <span aria-hidden="true" className="table__sort-mark">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className={selection?.selected.has(s.id) ? 'is-selected' : undefined}>
              {selection && (
                <td className="table__check">
                  <input
                    type="checkbox"
                    aria-label={`Select “${s.title}”`}
                    checked={selection.selected.has(s.id)}
                    onChange={(e) => selection.onToggle(s.id, e.target.checked)}
                  />
                </td>
              )}
              {thumbnails && (
                <td className="table__thumb">
                  <SessionThumb session={s} />
                </td>
              )}
              <td className="table__title">
                <Link to={`/sessions/${s.id}`} className="table__row-link">
                  {s.title}
                </Link>
              </td>
              <td>{agentLabel(s.agentTarget)}</td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td className="num">{s.status === 'complete' || s.duration > 0 ? formatClock(s.duration) : '—'}</td>
              <td className="num">{s.status === 'complete' || s.frameCount > 0 ? s.frameCount : '—'}</td>
              <td>
                <time dateTime={s.createdAt}>{formatDate(s.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
