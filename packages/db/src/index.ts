export * from './client.js';
export * from './ids.js';
export * from './mappers.js';
export * from './migrate.js';
export * as schema from './schema.js';
export type { FrameRow, SessionRow, SettingsRow, UserRow } from './schema.js';
export * from './repos/users.js';
export * from './repos/settings.js';
export * from './repos/sessions.js';
