import { writeFileSync } from 'node:fs';
import { AGENT_TARGETS, type AgentTarget } from '@claude-scope/contracts';
import { ok, type Api } from '../api.js';
import { parse, sessionIdArg } from '../args.js';
import { EXIT, usage } from '../exit.js';
import { createOut } from '../output.js';

export function agentOption(value: string | undefined): AgentTarget | undefined {
  if (value === undefined) return undefined;
  const agent = value.toUpperCase().replace(/-/g, '_');
  if (!(AGENT_TARGETS as readonly string[]).includes(agent)) throw usage(`--agent must be one of ${AGENT_TARGETS.join(', ')}`);
  return agent as AgentTarget;
}

/** Any agent's prompt, rendered by the API from the stored analysis. */
export async function prompt(api: Api, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { agent: { type: 'string' }, output: { type: 'string', short: 'o' } });
  const id = sessionIdArg(positionals);
  const agentTarget = agentOption(values.agent);
  const data = ok(await api.sdk.GET('/api/sessions/{id}/prompt', { params: { path: { id }, ...(agentTarget ? { query: { agentTarget } } : {}) } }));
  const out = createOut(values.json === true);
  if (values.output) {
    writeFileSync(values.output, data.prompt);
    if (out.json) out.data({ sessionId: id, agentTarget: data.agentTarget, file: values.output, chars: data.prompt.length });
    else out.info(`Wrote the ${data.agentTarget} prompt (${data.prompt.length} characters) to ${values.output}.`);
  } else if (out.json) out.data(data);
  else out.result(data.prompt);
  return EXIT.OK;
}
