import { describe, expect, it } from 'vitest';
import { AGENT_TARGETS, DEFAULT_SETTINGS, SessionWithFrames, Session } from '@claude-scope/contracts';

describe('contracts', () => {
  it('exposes the contract enums and defaults', () => {
    expect(AGENT_TARGETS).toEqual(['CLAUDE_CODE', 'CODEX', 'CURSOR', 'RAW']);
    expect(DEFAULT_SETTINGS).toEqual({
      defaultAgent: 'CLAUDE_CODE',
      includeScreenshots: true,
      inlineAriaTree: true,
      includeRawDiff: false,
      maxRecordingLength: 10,
      keepPlayback: false, // (ext) the product promises the raw video is not kept: a copy only when asked for
    });
  });

  it('SessionWithFrames is Session plus frames', () => {
    expect(Object.keys(SessionWithFrames.properties)).toEqual([...Object.keys(Session.properties), 'frames']);
  });
});
