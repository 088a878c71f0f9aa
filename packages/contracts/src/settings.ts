import Type from 'typebox';
import { AgentTarget } from './common.js';

export const MAX_RECORDING_LENGTHS = [5, 10, 15, 30] as const;
export const MaxRecordingLength = Type.Enum([...MAX_RECORDING_LENGTHS], {
  description: 'minutes',
});

/** (ext) Keep a playback copy of each new recording for the session page's player; deleted with its session. */
const KeepPlayback = Type.Boolean({
  description: '(ext) keep a playback copy (re-encoded smaller) of each new recording; deleted with its session',
});

export const Settings = Type.Object(
  {
    defaultAgent: AgentTarget,
    includeScreenshots: Type.Boolean(),
    inlineAriaTree: Type.Boolean(),
    includeRawDiff: Type.Boolean(),
    maxRecordingLength: MaxRecordingLength,
    keepPlayback: KeepPlayback,
  },
);
export type Settings = Type.Static<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  defaultAgent: 'CLAUDE_CODE',
  includeScreenshots: true,
  inlineAriaTree: true,
  includeRawDiff: false,
  maxRecordingLength: 10,
  keepPlayback: false,
};

export const SettingsPatch = Type.Partial(
  Type.Object({
    defaultAgent: AgentTarget,
    includeScreenshots: Type.Boolean(),
    inlineAriaTree: Type.Boolean(),
    includeRawDiff: Type.Boolean(),
    maxRecordingLength: MaxRecordingLength,
    keepPlayback: KeepPlayback,
  }),
  { additionalProperties: false },
);
export type SettingsPatch = Type.Static<typeof SettingsPatch>;
