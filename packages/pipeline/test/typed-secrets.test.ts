import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@claude-scope/contracts';
import { JOBS, recordingFlow, typedSecretsOf, withTypedSecrets } from '../src/index.js';

const raw: TimelineEvent[] = [
  { t: 0, type: 'navigate', url: 'http://app.test/login' },
  { t: 900, type: 'fill', role: 'textbox', name: 'Email', value: 'ada@example.com' },
  { t: 1900, type: 'fill', role: 'textbox', name: 'Password', value: 'analytical-engine' },
  { t: 2900, type: 'click', role: 'button', name: 'Sign in' },
];
const masked: TimelineEvent[] = raw.map((e, i) => (i === 2 && e.type === 'fill' ? { ...e, value: '••••••' } : e));

describe('typed secrets', () => {
  it('are the fill values masking changed, by index, and go back only into those events', () => {
    const secrets = typedSecretsOf(raw, masked);
    expect(secrets).toEqual([{ index: 2, value: 'analytical-engine' }]);
    expect(withTypedSecrets(masked, secrets)).toEqual(raw);
    expect(withTypedSecrets(masked, undefined)).toEqual(masked);
    expect(masked[2]).toMatchObject({ value: '••••••' }); // inputs untouched
    // An index that is not a fill (a stale or forged one) changes nothing.
    expect(withTypedSecrets(masked, [{ index: 3, value: 'x' }])).toEqual(masked);
  });

  it('travel only in the Playwright job, which lists them as data to drop once it ends', () => {
    const flow = recordingFlow('sess_ABC12345', { maxRecordingMinutes: 10, hasTimeline: true, typedSecrets: [{ index: 2, value: 'analytical-engine' }] });
    const byName = Object.fromEntries([flow, ...flow.children].map((n) => [n.name, n.data]));
    expect(byName.playwright).toEqual({ sessionId: 'sess_ABC12345', typedSecrets: [{ index: 2, value: 'analytical-engine' }] });
    expect(JSON.stringify({ ...byName, playwright: undefined })).not.toContain('analytical-engine');
    expect(JOBS.playwright.ephemeral).toEqual(['typedSecrets']);
    expect(recordingFlow('sess_ABC12345', { maxRecordingMinutes: 10, hasTimeline: true }).children.find((c) => c.name === 'playwright')!.data).toEqual({ sessionId: 'sess_ABC12345' });
  });
});
