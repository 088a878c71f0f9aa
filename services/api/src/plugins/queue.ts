import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { FlowEnqueuer, JOB_NAMES, jobId } from '@claude-scope/pipeline';
import { SessionWaiter } from '../lib/session-waiter.js';

declare module 'fastify' {
  interface FastifyInstance {
    flows: FlowEnqueuer;
    sessionWaiter: SessionWaiter;
    /** The pipeline's queues (read-only use here: counts, removal, the admin dashboard). */
    queues: Queue[];
    /** Removes a session's queued jobs; active ones find the session gone and end as no-ops. */
    removeSessionJobs(sessionId: string): Promise<void>;
  }
}

/** The API only adds flows and listens for session events; it never processes jobs. */
export default fp(
  async (app) => {
    const { REDIS_URL, QUEUE_PREFIX } = app.config;
    // Fail fast while Redis is down: an upload answers 503 instead of queueing commands in memory.
    const producerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 3_000 });
    const subscriber = new Redis(REDIS_URL, { maxRetriesPerRequest: null, connectTimeout: 3_000 });
    for (const c of [producerConnection, subscriber]) c.on('error', (err) => app.log.debug({ err }, 'redis connection error'));
    const flows = new FlowEnqueuer(producerConnection, QUEUE_PREFIX);
    const waiter = new SessionWaiter(subscriber, QUEUE_PREFIX);
    app.decorate('flows', flows);
    app.decorate('sessionWaiter', waiter);
    const queues = JOB_NAMES.map((name) => new Queue(name, { connection: producerConnection, prefix: QUEUE_PREFIX }));
    for (const q of queues) q.on('error', (err) => app.log.debug({ err, queue: q.name }, 'queue error'));
    app.decorate('queues', queues);
    app.decorate('removeSessionJobs', async (sessionId: string) => {
      await Promise.all(
        queues.map((q) =>
          q.remove(jobId(sessionId, q.name as (typeof JOB_NAMES)[number]), { removeChildren: true }).catch(() => 0),
        ),
      );
    });
    app.addHook('onClose', async () => {
      await Promise.all(queues.map((q) => q.close().catch(() => {})));
      waiter.close();
      await flows.close().catch(() => {});
      producerConnection.disconnect();
    });
  },
  { name: 'queue', dependencies: ['infra'] },
);
