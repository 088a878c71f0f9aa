import { useRef, type KeyboardEvent } from 'react';
import type { Frame } from '@claude-scope/contracts';
import { formatTimestamp } from '../../lib/format';
import { DiffBadges, describeDiff } from './DiffBadges';

interface Props {
  frames: readonly Frame[];
  selected: number;
  onSelect: (index: number) => void;
}

/** The keyframes in order; arrow keys step through them. */
export function Filmstrip({ frames, selected, onSelect }: Props) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: frames.length - 1 };
    const next = moves[e.key];
    if (next === undefined || next < 0 || next >= frames.length) return;
    e.preventDefault();
    onSelect(next);
    refs.current[next]?.focus();
    refs.current[next]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  return (
    <ol className="filmstrip" aria-label="Frames" onKeyDown={onKeyDown}>
      {frames.map((f, i) => (
        <li key={f.id}>
          <button
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className="filmstrip__frame"
            aria-pressed={i === selected}
            aria-label={`Frame ${i + 1} at ${formatTimestamp(f.timestamp)}, ${i === 0 ? 'first frame' : describeDiff(f.diffSummary)}`}
            onClick={() => onSelect(i)}
          >
            <img src={f.thumbnailUrl} alt="" loading="lazy" />
            <span className="filmstrip__meta">
              <span className="filmstrip__time">{formatTimestamp(f.timestamp)}</span>
              <DiffBadges diff={f.diffSummary} />
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
