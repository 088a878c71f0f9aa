import type { Frame } from '@claude-scope/contracts';
import { elementCounts } from '../../lib/counts';
import { formatTimestamp } from '../../lib/format';
import { AriaTree } from './AriaTree';
import { DiffBadges, describeDiff } from './DiffBadges';
import { useFrameImage } from './use-frame-image';

interface Props {
  frame: Frame;
  index: number;
  total: number;
}

/** The selected frame: the picture, where and when it was, what is on the page, and its ARIA tree. */
export function FrameView({ frame, index, total }: Props) {
  const full = useFrameImage(frame.sessionId, frame.id);
  const counts = elementCounts(frame.ariaTree);
  const label = `frame ${index + 1}`;
  return (
    <div className="frame-view">
      <div className="frame-view__visual">
        <figure className="frame-view__figure">
          <div className="frame-view__image">
            <img src={full ?? frame.thumbnailUrl} alt={`Screenshot of frame ${index + 1} at ${formatTimestamp(frame.timestamp)}`} />
          </div>
          <figcaption className="frame-view__caption">
            <span className="frame-view__pos">
              Frame {index + 1} of {total}
            </span>
            <time className="tabular">{formatTimestamp(frame.timestamp)}</time>
            <DiffBadges diff={frame.diffSummary} />
            <span className="visually-hidden">{index === 0 ? 'first frame' : describeDiff(frame.diffSummary)}</span>
          </figcaption>
        </figure>
        <p className="frame-view__url">
          <span className="muted">URL </span>
          <a href={frame.url} target="_blank" rel="noreferrer noopener">
            {frame.url}
          </a>
        </p>
        <dl className="counts" aria-label="Elements on the page">
          <Count label="Buttons" value={counts.buttons} />
          <Count label="Inputs" value={counts.inputs} />
          <Count label="Links" value={counts.links} />
          <Count label="Headings" value={counts.headings} />
        </dl>
      </div>
      <div className="frame-view__tree">
        <h3 className="subhead">ARIA tree</h3>
        <AriaTree tree={frame.ariaTree} frameLabel={label} />
      </div>
    </div>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="counts__item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
