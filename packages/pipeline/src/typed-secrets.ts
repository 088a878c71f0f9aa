import type { TimelineEvent } from '@claude-scope/contracts';
import type { TypedSecret } from './jobs.js';

/** The fill values masking changed: what the Playwright lane needs back to replay the timeline as typed. */
export function typedSecretsOf(raw: readonly TimelineEvent[], masked: readonly TimelineEvent[]): TypedSecret[] {
  const out: TypedSecret[] = [];
  raw.forEach((event, index) => {
    const stored = masked[index];
    if (event.type === 'fill' && stored?.type === 'fill' && stored.value !== event.value) out.push({ index, value: event.value });
  });
  return out;
}

/** The stored (masked) timeline with the typed secrets put back, for replay only; the input is not modified. */
export function withTypedSecrets(timeline: readonly TimelineEvent[], secrets: readonly TypedSecret[] | undefined): TimelineEvent[] {
  if (!secrets?.length) return [...timeline];
  const byIndex = new Map(secrets.map((s) => [s.index, s.value]));
  return timeline.map((event, index) => {
    const value = byIndex.get(index);
    return value !== undefined && event.type === 'fill' ? { ...event, value } : event;
  });
}
