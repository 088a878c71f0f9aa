export { createApiClient, type ApiClient, type ApiClientOptions, type ApiError, type ApiResult, type FetchLike } from './api.js';
export { createMcpServer, SERVER_INFO } from './server.js';
export type { ToolContext, Uploader, UploadOutcome, UploadRequest } from './tools/context.js';
export { RESULT_MAX_CHARS } from './budget.js';
