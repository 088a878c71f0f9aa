export * from './common.js';
export * from './auth.js';
export * from './aria.js';
export * from './settings.js';
export * from './status.js';
export * from './sessions.js';
export * from './timeline.js';
export * from './recordings.js';
