import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Zoom levels, as multiples of the width that fits the viewer (100 %). */
export const ZOOMS = [1, 1.5, 2, 3, 4] as const;

/** A part of the frame, as shares (0–1) of its width and height. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Props {
  src: string;
  alt: string;
  /** Where the picture changed since the previous frame: outlined over it, at any zoom. */
  regions?: readonly Region[];
}

/**
 * A frame at the viewer's full width, zoomable by button or keyboard (+ / − / 0 while the picture has focus);
 * when zoomed it scrolls in both directions, and zooming keeps the middle of the view where it was.
 */
export function FrameZoom({ src, alt, regions = [] }: Props) {
  const [level, setLevel] = useState(0);
  const viewport = useRef<HTMLDivElement>(null);
  const previous = useRef(ZOOMS[0] as number);
  const zoom = ZOOMS[level]!;

  useLayoutEffect(() => {
    const el = viewport.current;
    const ratio = zoom / previous.current;
    previous.current = zoom;
    if (!el || ratio === 1) return;
    const cx = el.scrollLeft + el.clientWidth / 2;
    const cy = el.scrollTop + el.clientHeight / 2;
    el.scrollLeft = cx * ratio - el.clientWidth / 2;
    el.scrollTop = cy * ratio - el.clientHeight / 2;
  }, [zoom]);

  const set = (next: number) => setLevel(Math.min(ZOOMS.length - 1, Math.max(0, next)));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const next = e.key === '+' || e.key === '=' ? level + 1 : e.key === '-' || e.key === '_' ? level - 1 : e.key === '0' ? 0 : null;
    if (next === null) return;
    e.preventDefault();
    set(next);
  };
  const label = `${zoom * 100} %`;

  return (
    <div className="zoom">
      <div className="zoom__bar" role="group" aria-label="Zoom">
        <button type="button" className="btn btn--sm" onClick={() => set(level - 1)} aria-disabled={level === 0} aria-label="Zoom out">
          −
        </button>
        <output className="zoom__level tabular" aria-live="polite" aria-label={`Zoom ${label}`}>
          {label}
        </output>
        <button type="button" className="btn btn--sm" onClick={() => set(level + 1)} aria-disabled={level === ZOOMS.length - 1} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="btn btn--sm btn--ghost" onClick={() => set(0)} aria-disabled={level === 0}>
          Fit to width
        </button>
        <span className="muted small zoom__hint">Keys: + and − zoom, 0 fits the width</span>
      </div>
      <div
        ref={viewport}
        className={`zoom__viewport${zoom > 1 ? ' zoom__viewport--zoomed' : ''}`}
        tabIndex={0}
        role="group"
        aria-label={`${alt}, zoom ${label}. Press + or − to zoom, 0 to fit the width.`}
        onKeyDown={onKeyDown}
      >
        <div className="zoom__canvas" style={{ width: `${zoom * 100}%` }}>
          <img src={src} alt={alt} />
          {regions.map((r, i) => (
            <span
              key={i}
              className="zoom__region"
              aria-hidden="true"
              style={{ left: `${r.x * 100}%`, top: `${r.y * 100}%`, width: `${r.w * 100}%`, height: `${r.h * 100}%` }}
            />
          ))}
        </div>
      </div>
      {regions.length > 0 && (
        <p className="muted small zoom__legend">
          <span className="zoom__swatch" aria-hidden="true" /> Outlined: {regions.length === 1 ? 'the part' : `the ${regions.length} parts`} of the
          picture that changed since the previous frame.
        </p>
      )}
    </div>
  );
}
