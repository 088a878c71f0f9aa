import type { LaneStatus, StatusResponse } from '@claude-scope/contracts';
import { formatMs } from '../lib/format';
import { ProgressBar } from './ProgressBar';
import './lanes.css';

const LANES = [
  { key: 'videoLane', name: 'Video lane', what: 'Keyframes from the video' },
  { key: 'playwrightLane', name: 'Playwright lane', what: 'ARIA trees from a real browser' },
  { key: 'visionLane', name: 'Vision lane', what: 'Screen text, pointer and address bar read from the keyframes' },
  { key: 'synthesis', name: 'Synthesis', what: 'Frames + trees → prompt' },
] as const;

const STAGE_LABELS = {
  queued: 'Queued',
  analyzing: 'Analyzing',
  synthesizing: 'Synthesizing',
  complete: 'Complete',
  error: 'Failed',
} as const;

const STATE_LABELS: Record<LaneStatus['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  complete: 'Done',
  error: 'Failed',
  skipped: 'Skipped',
};

const PENDING: LaneStatus = { status: 'pending', progress: 0 };

// Once the session has failed, a lane still marked pending or running will not move again: say so,
// rather than leave "Running 0 %" on screen.
const HALTED_LABELS: Partial<Record<LaneStatus['status'], string>> = { pending: 'Not run', running: 'Stopped' };

/**
 * Live per-lane progress. Every row has a fixed shape whatever the data, so a poll only changes text and
 * bar widths; only the overall stage is announced, not every percentage.
 */
export function LaneProgress({ status }: { status: StatusResponse | null }) {
  const ps = status?.processingStatus ?? null;
  const stage = ps?.overallStage ?? 'queued';
  return (
    <div className="lanes">
      <div className="lanes__summary">
        <span className={`stage stage--${stage}`} aria-live="polite">
          {STAGE_LABELS[stage]}
        </span>
        <span className="lanes__elapsed">{status ? formatMs(status.processingTime) : '\u00a0'}</span>
      </div>
      <ol className="lanes__list">
        {LANES.map((lane) => {
          const s = ps?.[lane.key] ?? PENDING;
          const halted = stage === 'error' ? HALTED_LABELS[s.status] : undefined;
          const tone = s.status === 'error' ? 'danger' : s.status === 'complete' ? 'success' : 'default';
          return (
            <li key={lane.key} className={`lane lane--${halted ? 'halted' : s.status}`}>
              <div className="lane__head">
                <span className="lane__name">{lane.name}</span>
                <span className={`lane__state lane__state--${halted ? 'halted' : s.status}`}>{halted ?? STATE_LABELS[s.status]}</span>
              </div>
              <p className="lane__what">{lane.what}</p>
              <ProgressBar value={s.progress} label={`${lane.name} progress`} tone={tone} />
              <div className="lane__meta">
                <span className="lane__pct">{halted ? '—' : `${Math.round(s.progress)}%`}</span>
                <span className="lane__detail" title={s.error ?? s.detail}>
                  {s.error ?? s.detail ?? '\u00a0'}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
