export * from './jobs.js';
export * from './lane-results.js';
export * from './flow.js';
export * from './events.js';
export * from './status.js';
export * from './typed-secrets.js';
