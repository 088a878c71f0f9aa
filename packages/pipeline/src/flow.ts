import { FlowProducer, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_POLICIES, jobId, type JobData, type JobName } from './jobs.js';

export const DEFAULT_QUEUE_PREFIX = 'claude-scope';

/** Options set on every flow node: queue defaults do not apply to jobs added through a FlowProducer. */
export function jobOptions(sessionId: string, name: JobName): JobsOptions {
  const p = JOB_POLICIES[name];
  return {
    jobId: jobId(sessionId, name),
    attempts: p.attempts,
    backoff: { type: 'exponential', delay: p.backoffMs },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

/**
 * One flow per recording: `synthesize` (parent, its own queue) over the `video` and `playwright` lanes
 * (children, each on its own queue so each lane scales on its own). A lane that fails after its retries
 * fails the parent, so a flow never waits on a dead child.
 */
export function recordingFlow(sessionId: string, video: JobData<'video'>) {
  const child = <N extends 'video' | 'playwright'>(name: N, data: JobData<N>) => ({
    name,
    queueName: name,
    data,
    opts: { ...jobOptions(sessionId, name), failParentOnFailure: true },
  });
  return {
    name: 'synthesize' as const,
    queueName: 'synthesize',
    data: { sessionId } satisfies JobData<'synthesize'>,
    opts: jobOptions(sessionId, 'synthesize'),
    children: [child('video', video), child('playwright', { sessionId })],
  };
}

export class FlowEnqueuer {
  private readonly producer: FlowProducer;
  constructor(connection: Redis, readonly prefix = DEFAULT_QUEUE_PREFIX) {
    this.producer = new FlowProducer({ connection, prefix });
    // Connection errors surface on the add() that needs Redis; the emitter must not crash the process.
    this.producer.on('error', () => {});
  }
  async enqueueRecording(sessionId: string, video: JobData<'video'>): Promise<void> {
    await this.producer.add(recordingFlow(sessionId, video));
  }
  async close(): Promise<void> {
    await this.producer.close();
  }
}
