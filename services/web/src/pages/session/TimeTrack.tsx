import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { FrameSummary } from '@claude-scope/contracts';
import { formatTimestamp } from '../../lib/format';
import { axisLength, axisPercent, axisTicks } from '../../lib/time-axis';
import { DiffBadges } from './DiffBadges';
import { actionWords, changeWords, problemWords, withoutOrigin } from './step-words';
import type { Steps } from './use-steps';

interface Props {
  frames: readonly FrameSummary[];
  /** The session's duration in seconds (the axis' length). */
  duration: number;
  steps: Steps;
  selected: number;
  onSelect: (index: number) => void;
}

/**
 * The frames on the recording's time axis, each with its step's action and change in words. The frame cards
 * are one listbox and one Tab stop (roving focus): ←/→ step through them, Home/End go to the ends. The
 * markers on the axis repeat the cards for the mouse (a click selects), so they stay out of the Tab order.
 */
export function TimeTrack({ frames, duration, steps, selected, onSelect }: Props) {
  const refs = useRef<(HTMLLIElement | null)[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const length = axisLength(duration, frames.map((f) => f.timestamp));
  const ticks = axisTicks(length);

  // The selected card stays in view, however it was chosen (keys, a marker, a click). Only the strip scrolls:
  // scrollIntoView would also scroll the page, and pull it down to the track when the session opens.
  useEffect(() => {
    const list = listRef.current;
    const card = refs.current[selected];
    if (!list || !card) return;
    const left = card.offsetLeft;
    const right = left + card.offsetWidth;
    if (left < list.scrollLeft) list.scrollLeft = left;
    else if (right > list.scrollLeft + list.clientWidth) list.scrollLeft = right - list.clientWidth;
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: frames.length - 1 };
    const next = moves[e.key];
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (next < 0 || next >= frames.length) return;
    onSelect(next);
    refs.current[next]?.focus({ preventScroll: true });
  };

  return (
    <div className="track">
      <div className="track__axis" aria-hidden="true">
        <div className="track__line" />
        {ticks.map((t) => (
          <span key={t.ms} className="track__tick" style={{ left: `${axisPercent(t.ms, length)}%` }}>
            {t.label}
          </span>
        ))}
        {frames.map((f, i) => (
          <span
            key={f.id}
            className={`track__marker${i === selected ? ' track__marker--selected' : ''}${problemWords(steps.of(f, i)) ? ' track__marker--problem' : ''}`}
            style={{ left: `${axisPercent(f.timestamp, length)}%` }}
            title={`Frame ${i + 1} at ${formatTimestamp(f.timestamp)}`}
            onClick={() => onSelect(i)}
          />
        ))}
      </div>
      <ol ref={listRef} className="track__frames" role="listbox" aria-label="Frames" aria-orientation="horizontal" onKeyDown={onKeyDown}>
        {frames.map((f, i) => {
          const step = steps.of(f, i);
          const action = actionWords(step, i);
          const change = changeWords(step, f.diffSummary, i);
          const problems = problemWords(step);
          return (
            <li
              key={f.id}
              ref={(el) => {
                refs.current[i] = el;
              }}
              role="option"
              aria-selected={i === selected}
              tabIndex={i === selected ? 0 : -1}
              aria-label={`Frame ${i + 1} of ${frames.length} at ${formatTimestamp(f.timestamp)}: ${action}. ${change}.${problems ? ` ${problems}.` : ''}`}
              className="track__frame"
              onClick={() => onSelect(i)}
            >
              <img src={f.thumbnailUrl} alt="" loading="lazy" />
              <span className="track__meta">
                <span className="track__time">
                  {i + 1} · {formatTimestamp(f.timestamp)}
                </span>
                <DiffBadges diff={f.diffSummary} />
              </span>
              <span className="track__action" title={action}>
                {withoutOrigin(action, f.url)}
              </span>
              <span className="track__change muted">{change}</span>
              {problems && <span className="track__problems">{problems}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
