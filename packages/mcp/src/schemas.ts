import * as z from 'zod';
import { AGENT_TARGETS } from '@claude-scope/contracts';

/** Zod shapes the tools advertise (MCP SDK v2 derives JSON Schema from them and validates with them). */
export const SessionIdArg = z
  .string()
  .regex(/^sess_[A-Z0-9]{8}$/, 'a session id looks like sess_ABC12345')
  .describe('The recording (session) id, e.g. sess_ABC12345, from list_recordings');
export const StepArg = z.number().int().min(1).max(100_000).describe('Step number (1-based, in time order) from get_timeline');
export const AgentArg = z.enum(AGENT_TARGETS);

export const DiffSummary = z.object({ added: z.number(), changed: z.number(), removed: z.number() });
/** An ARIA node: role and name, children, a diff mark, and any states (checked, level, …). */
export const AriaNode = z.looseObject({ role: z.string(), name: z.string() });

export const LaneStatus = z.looseObject({ status: z.string(), progress: z.number() });
export const ProcessingStatus = z.looseObject({
  overallStage: z.string(),
  videoLane: LaneStatus,
  playwrightLane: LaneStatus,
  visionLane: LaneStatus,
  synthesis: LaneStatus,
});

export const RecordingSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  seedUrl: z.string().nullable(),
  agentTarget: z.string(),
  stepCount: z.number(),
  urlCount: z.number(),
  durationSeconds: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
