import type { SessionStep } from '@claude-scope/contracts';
import { plural } from '../../lib/format';
import type { Steps } from './use-steps';

/** What the browser logged at a step when it was replayed: console errors, failed requests, a failed action. */
export function StepProblems({ step, steps }: { step: SessionStep | undefined; steps: Steps }) {
  return (
    <section className="step-problems" aria-labelledby="step-problems-heading">
      <h3 id="step-problems-heading" className="subhead">
        Console and network
      </h3>
      {!step ? (
        <p className="muted small">
          {steps.loading ? 'Loading what the browser logged at this step…' : steps.error ? `Not available: ${steps.error}` : 'Not available for this frame.'}
        </p>
      ) : !step.consoleErrors.length && !step.failedRequests.length && !step.failure ? (
        <p className="muted small">No console errors or failed requests at this step.</p>
      ) : (
        <>
          {step.failure && <p className="step-problems__failure">Replaying the action failed: {step.failure}</p>}
          {step.consoleErrors.length > 0 && (
            <>
              <h4 className="step-problems__title">{plural(step.consoleErrors.length, 'console error')}</h4>
              <ul className="step-problems__list" aria-label="Console errors">
                {step.consoleErrors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </>
          )}
          {step.failedRequests.length > 0 && (
            <>
              <h4 className="step-problems__title">{plural(step.failedRequests.length, 'failed request')}</h4>
              <ul className="step-problems__list" aria-label="Failed requests">
                {step.failedRequests.map((r, i) => (
                  <li key={i}>
                    <span className="step-problems__method">{r.method}</span> {r.url}{' '}
                    <span className="step-problems__status">{r.status !== undefined ? r.status : (r.error ?? 'failed')}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
