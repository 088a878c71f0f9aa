import type { ProcessingResponse } from '@claude-scope/contracts';
import { authStore } from './auth-store';
import { handleUnauthorized } from './client';
import { toApiError } from './errors';

export interface UploadFields {
  title: string;
  seedUrl: string;
  notes?: string;
  agentTarget?: string;
  durationMs?: number;
  /** JSON array of timeline events */
  timeline?: string;
}

export interface UploadHandle {
  promise: Promise<ProcessingResponse>;
  abort(): void;
}

/**
 * POST /api/recordings?wait=false with XMLHttpRequest, because fetch cannot report upload progress.
 * Text fields go before the file so the server can validate them before streaming it.
 */
export function uploadRecording(file: Blob, filename: string, fields: UploadFields, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ProcessingResponse>((resolve, reject) => {
    const form = new FormData();
    form.append('title', fields.title);
    form.append('seedUrl', fields.seedUrl);
    if (fields.notes) form.append('notes', fields.notes);
    if (fields.agentTarget) form.append('agentTarget', fields.agentTarget);
    if (fields.timeline) form.append('timeline', fields.timeline);
    if (fields.durationMs !== undefined) form.append('durationMs', String(Math.round(fields.durationMs)));
    form.append('file', file, filename);

    const token = authStore.get()?.accessToken;
    xhr.open('POST', '/api/recordings?wait=false');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(xhr.response as ProcessingResponse);
        return;
      }
      handleUnauthorized(xhr.status, Boolean(token));
      reject(toApiError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(toApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
