export * from './jobs.js';
export * from './flow.js';
export * from './events.js';
export * from './status.js';
