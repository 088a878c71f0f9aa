export { read, routes, type ApiClient, type ApiError, type ApiResult } from './api.js';
export { createMcpServer, SERVER_INFO } from './server.js';
export type { ToolContext, Uploader, UploadOutcome, UploadRequest } from './tools/context.js';
export { RESULT_MAX_CHARS } from './budget.js';
