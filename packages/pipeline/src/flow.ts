import { FlowProducer, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterOf, JOBS, jobId, type JobTable, type UploadOptions } from './jobs.js';

export const DEFAULT_QUEUE_PREFIX = 'claude-scope';

/** Options set on every flow node: queue defaults do not apply to jobs added through a FlowProducer. */
export function jobOptions(sessionId: string, name: string, table: JobTable = JOBS): JobsOptions {
  const p = table[name];
  if (!p) throw new Error(`unknown job type ${name}`);
  return {
    jobId: jobId(sessionId, name),
    attempts: p.attempts,
    backoff: { type: 'exponential', delay: p.backoffMs },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

export interface FlowNode {
  name: string;
  queueName: string;
  data: { sessionId: string };
  opts: JobsOptions;
  children?: FlowNode[];
}

/**
 * One flow per recording, from the job table: the job that completes the session is the parent (its own
 * queue), every other job a child on its own queue, so each lane scales on its own. A job with `after` (for this
 * upload) is the parent of the job it reads (BullMQ runs a parent once its children completed). A lane that fails after its
 * retries fails its parent, up to the root, so a flow never waits on a dead child.
 */
export function recordingFlow(sessionId: string, upload: UploadOptions, table: JobTable = JOBS): FlowNode & { children: FlowNode[] } {
  const names = Object.keys(table);
  const parents = names.filter((n) => table[n]!.completesSession);
  if (parents.length !== 1) throw new Error(`the job table needs exactly one job that completes the session, has ${parents.length}`);
  const parent = parents[0]!;
  const readers = new Map<string, string>();
  const after = (n: string) => afterOf(table[n]!, upload);
  for (const n of names) {
    const a = after(n);
    if (a === undefined) continue;
    if (!(a in table) || a === parent || a === n) throw new Error(`job ${n} runs after ${a}, which is not another lane of the table`);
    // One job id per node: a lane read by two jobs would have to sit in the flow twice.
    if (readers.has(a)) throw new Error(`job ${a} is read by both ${readers.get(a)} and ${n}; a lane can have one reader`);
    readers.set(a, n);
  }
  for (const n of names) {
    const chain = [n];
    for (let a = after(n); a !== undefined; a = after(a)) {
      if (chain.includes(a)) throw new Error(`the job table's 'after' links form a cycle: ${[...chain, a].join(' → ')}`);
      chain.push(a);
    }
  }
  // A lane that others read runs first, as a failing-the-parent child of its reader.
  const child = (name: string): FlowNode => {
    const own: FlowNode = { name, queueName: name, data: table[name]!.data(sessionId, upload), opts: { ...jobOptions(sessionId, name, table), failParentOnFailure: true } };
    const a = after(name);
    return a !== undefined ? { ...own, children: [child(a)] } : own;
  };
  const root = { name: parent, queueName: parent, data: table[parent]!.data(sessionId, upload), opts: jobOptions(sessionId, parent, table) };
  // Top-level children: every lane that no other lane reads (those are nested under their reader).
  return { ...root, children: names.filter((n) => n !== parent && !readers.has(n)).map(child) };
}

export class FlowEnqueuer {
  private readonly producer: FlowProducer;
  constructor(connection: Redis, readonly prefix = DEFAULT_QUEUE_PREFIX) {
    this.producer = new FlowProducer({ connection, prefix });
    // Connection errors surface on the add() that needs Redis; the emitter must not crash the process.
    this.producer.on('error', () => {});
  }
  async enqueueRecording(sessionId: string, upload: UploadOptions): Promise<void> {
    await this.producer.add(recordingFlow(sessionId, upload));
  }
  async close(): Promise<void> {
    await this.producer.close();
  }
}
