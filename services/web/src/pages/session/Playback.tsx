import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Frame } from '@claude-scope/contracts';
import { formatTimestamp } from '../../lib/format';
import { axisLength, axisPercent, frameIndexAt } from '../../lib/time-axis';
import { Link } from '../../router/router';
import { usePlaybackLink } from './use-playback-link';

/** A request to move the player to `ms`; `n` tells two requests for the same moment apart. */
export interface SeekRequest {
  ms: number;
  n: number;
}

interface Props {
  sessionId: string;
  complete: boolean;
  /** Only each frame's moment is needed (the overview's frames carry no tree). */
  frames: readonly Pick<Frame, 'id' | 'timestamp'>[];
  /** The session's duration in seconds: the bar shares the time track's axis. */
  duration: number;
  selected: number;
  /** Set when a person picks a frame (track card, marker, keys): the player goes to its moment. */
  seek: SeekRequest | null;
  /** The player moved on to another frame's moment: the track follows, without seeking back. */
  onFollow: (index: number) => void;
  /** A marker on the player's bar (or ←/→ on it) chose a frame: selected like a card of the track, then sought to. */
  onChoose: (index: number) => void;
}

/**
 * The session's playback copy (kept when the account's "Keep a playback copy" was on at upload), synced with
 * the time track: a marker per frame on the player's bar, choosing a frame or a marker seeks, and the track's
 * selection follows playback. The bar is one Tab stop, a slider: ←/→ go to the previous/next frame, Home/End
 * to the ends, Space/Enter play or pause. Without a copy, a one-line hint says where to turn it on.
 */
export function Playback({ sessionId, complete, frames, duration, selected, seek, onFollow, onChoose }: Props) {
  const { state, renew } = usePlaybackLink(sessionId, complete);
  const video = useRef<HTMLVideoElement>(null);
  const [now, setNow] = useState(0); // ms
  const resumeAt = useRef<number | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const timestamps = frames.map((f) => f.timestamp);
  const length = axisLength(duration, timestamps);

  useEffect(() => {
    const v = video.current;
    if (!v || !seek) return;
    v.currentTime = seek.ms / 1000;
    setNow(seek.ms);
  }, [seek, state.kind]);

  if (!complete || state.kind === 'loading') return null;
  if (state.kind === 'none') {
    return (
      <p className="player__hint muted">
        No playback copy was kept for this recording. To watch new recordings beside their frames, turn on “Keep a playback copy” in{' '}
        <Link to="/settings">Settings</Link>.
      </p>
    );
  }
  if (state.kind === 'error') return <p className="player__hint muted">The recording cannot be played right now: {state.message}</p>;

  const link = state.link;
  const seekTo = (ms: number) => {
    const v = video.current;
    if (!v) return;
    v.currentTime = Math.max(0, Math.min(ms, length)) / 1000;
    setNow(ms);
  };
  const choose = (i: number) => onChoose(i); // the page selects it and asks for the seek (the effect above)

  const onTimeUpdate = () => {
    const v = video.current;
    if (!v || v.seeking) return; // a seek in flight still reports the old time: following it would undo the choice
    const ms = v.currentTime * 1000;
    setNow(ms);
    const i = frameIndexAt(timestamps, ms);
    if (i !== selectedRef.current) onFollow(i);
  };

  const onError = () => {
    // A link that lapsed mid-review: fetch a fresh one and carry on from the same moment.
    if (Date.parse(link.expiresAt) - Date.now() < 60_000) {
      resumeAt.current = video.current ? video.current.currentTime : null;
      renew();
    }
  };

  const onBarClick = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    seekTo(((e.clientX - box.left) / box.width) * length);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const current = frameIndexAt(timestamps, now);
    const atFrame = Math.abs((frames[current]?.timestamp ?? 0) - now) < 100;
    const keys: Record<string, () => void> = {
      ArrowRight: () => current + 1 < frames.length && choose(current + 1),
      // Between frames, ← goes back to the frame on screen first, as a player's "previous" does.
      ArrowLeft: () => (atFrame ? current > 0 && choose(current - 1) : choose(current)),
      Home: () => choose(0),
      End: () => seekTo(length),
      ' ': () => void (video.current?.paused ? video.current.play().catch(() => {}) : video.current?.pause()),
      Enter: () => void (video.current?.paused ? video.current.play().catch(() => {}) : video.current?.pause()),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  const frameNow = frameIndexAt(timestamps, now);
  return (
    <div className="player">
      <video
        ref={video}
        className="player__video"
        src={link.url}
        controls
        preload="metadata"
        playsInline
        aria-label="Recording playback"
        onTimeUpdate={onTimeUpdate}
        onSeeked={onTimeUpdate}
        onError={onError}
        onLoadedMetadata={() => {
          if (resumeAt.current !== null && video.current) video.current.currentTime = resumeAt.current;
          resumeAt.current = null;
        }}
      />
      <div
        className="player__bar"
        role="slider"
        tabIndex={0}
        aria-label="Playback position"
        aria-valuemin={0}
        aria-valuemax={Math.round(length) / 1000}
        aria-valuenow={Math.round(now) / 1000}
        aria-valuetext={`${formatTimestamp(now)}, frame ${frameNow + 1} of ${frames.length}`}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End Space"
        onKeyDown={onKeyDown}
        onClick={onBarClick}
      >
        <div className="player__line" />
        <div className="player__played" style={{ width: `${axisPercent(now, length)}%` }} />
        {frames.map((f, i) => (
          <span
            key={f.id}
            className={`player__marker${i === selected ? ' player__marker--selected' : ''}`}
            style={{ left: `${axisPercent(f.timestamp, length)}%` }}
            title={`Frame ${i + 1} at ${formatTimestamp(f.timestamp)}`}
            data-frame={i + 1}
            onClick={(e) => {
              e.stopPropagation();
              choose(i);
            }}
          />
        ))}
        <span className="player__head" style={{ left: `${axisPercent(now, length)}%` }} />
      </div>
    </div>
  );
}
