import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The worker's own Prometheus metrics, served on its health port at GET /metrics. */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly laneDuration = new Histogram({
    name: 'claude_scope_lane_duration_seconds',
    help: 'Time a job of each lane took, by outcome',
    labelNames: ['lane', 'outcome'] as const,
    buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: 'claude_scope_jobs_total',
    help: 'Jobs finished by this worker, by queue and outcome (completed, failed, retried)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly concurrency = new Gauge({
    name: 'claude_scope_worker_concurrency',
    help: 'Jobs this worker may run at once, per queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(queue: string, outcome: 'completed' | 'failed' | 'retried', seconds: number): void {
    this.jobs.inc({ queue, outcome });
    this.laneDuration.observe({ lane: queue, outcome }, seconds);
  }
}
