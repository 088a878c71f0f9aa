import { FlowProducer, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, jobId, type JobTable, type UploadOptions } from './jobs.js';

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

/**
 * One flow per recording, from the job table: the job that completes the session is the parent (its own
 * queue), every other job a child on its own queue, so each lane scales on its own. A lane that fails after
 * its retries fails the parent, so a flow never waits on a dead child.
 */
export function recordingFlow(sessionId: string, upload: UploadOptions, table: JobTable = JOBS) {
  const names = Object.keys(table);
  const parents = names.filter((n) => table[n]!.completesSession);
  if (parents.length !== 1) throw new Error(`the job table needs exactly one job that completes the session, has ${parents.length}`);
  const parent = parents[0]!;
  const node = (name: string) => ({ name, queueName: name, data: table[name]!.data(sessionId, upload), opts: jobOptions(sessionId, name, table) });
  return {
    ...node(parent),
    children: names
      .filter((n) => n !== parent)
      .map((n) => {
        const child = node(n);
        return { ...child, opts: { ...child.opts, failParentOnFailure: true } };
      }),
  };
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
