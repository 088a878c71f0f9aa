import type { FrameSummary, SessionStep } from '@claude-scope/contracts';
import { Loading } from '../../components/Loading';
import { elementCounts } from '../../lib/counts';
import { formatTimestamp } from '../../lib/format';
import { AriaTree } from './AriaTree';
import { DiffBadges, describeDiff } from './DiffBadges';
import { FrameZoom } from './FrameZoom';
import { StepProblems } from './StepProblems';
import { actionWords } from './step-words';
import { useFrameImage } from './use-frame-image';
import { useFrameTree } from './use-frame-tree';
import type { Steps } from './use-steps';

interface Props {
  frame: FrameSummary;
  /** The frame after this one, whose tree is fetched ahead of time. */
  nextFrameId?: string;
  index: number;
  total: number;
  step: SessionStep | undefined;
  steps: Steps;
}

/**
 * The selected frame: the picture at full width with zoom, then what happened there — URL, action, what
 * changed (in words and as ARIA diff counts), the console errors and failed requests of its step — and the
 * page's ARIA tree (fetched for this frame alone, so the page shows before every frame's tree has arrived).
 */
export function FrameView({ frame, nextFrameId, index, total, step, steps }: Props) {
  const { tree, error } = useFrameTree(frame.sessionId, frame.id, nextFrameId);
  // The full picture after the tree: the thumbnail is shown meanwhile, and the tree is what is read first.
  const full = useFrameImage(frame.sessionId, frame.id, tree !== null || error !== null);
  const counts = tree ? elementCounts(tree) : null;
  const label = `frame ${index + 1}`;
  const diff = index === 0 ? 'first frame' : describeDiff(frame.diffSummary);
  return (
    <div className="frame-view">
      <figure className="frame-view__figure">
        <FrameZoom
          src={full ?? frame.thumbnailUrl}
          alt={`Screenshot of frame ${index + 1} at ${formatTimestamp(frame.timestamp)}`}
          regions={step?.regions ?? []}
        />
        <figcaption className="frame-view__caption">
          <span className="frame-view__pos">
            Frame {index + 1} of {total}
          </span>
          <time className="tabular">{formatTimestamp(frame.timestamp)}</time>
          <DiffBadges diff={frame.diffSummary} />
          <span className="visually-hidden">{diff}</span>
        </figcaption>
      </figure>
      <div className="frame-view__details">
        <div className="frame-view__step">
          <dl className="step-facts">
            <div className="step-facts__item">
              <dt>URL</dt>
              <dd className="frame-view__url">
                <a href={frame.url} target="_blank" rel="noreferrer noopener">
                  {frame.url}
                </a>
              </dd>
            </div>
            <div className="step-facts__item">
              <dt>Action</dt>
              <dd className="frame-view__action">{actionWords(step, index)}</dd>
            </div>
            <div className="step-facts__item">
              <dt>ARIA diff</dt>
              <dd className="frame-view__diff">
                <DiffBadges diff={frame.diffSummary} /> <span>{index === 0 ? 'First frame: nothing to compare with' : diff}</span>
              </dd>
            </div>
            {step && step.changes.length > 0 && (
              <div className="step-facts__item">
                <dt>What changed</dt>
                <dd>
                  <ul className="frame-view__changes">
                    {step.changes.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
          </dl>
          <StepProblems step={step} steps={steps} />
          {counts && (
            <dl className="counts" aria-label="Elements on the page">
              <Count label="Buttons" value={counts.buttons} />
              <Count label="Inputs" value={counts.inputs} />
              <Count label="Links" value={counts.links} />
              <Count label="Headings" value={counts.headings} />
            </dl>
          )}
        </div>
        <div className="frame-view__tree">
          <h3 className="subhead">ARIA tree</h3>
          {tree ? (
            <AriaTree tree={tree} frameLabel={label} />
          ) : error ? (
            <p className="muted">Could not load this frame’s ARIA tree: {error}</p>
          ) : (
            <Loading label="Loading the ARIA tree…" lines={4} />
          )}
        </div>
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
