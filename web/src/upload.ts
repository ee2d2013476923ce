/**
 * Uploads with a live progress bar: the transfer through XMLHttpRequest (fetch cannot report
 * upload progress), then the ingest job polled until it ends.
 */
import { api, ApiError, apiErrorFrom, writeHeaders } from './api';
import { getLang, translate } from './i18n';
import type { Job } from './pages/catalog/types';

/** POSTs the file as multipart/form-data (field `file`), reporting the bytes sent. */
export function uploadFile<T>(url: string, file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // an empty or non-JSON body: the status says enough
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(apiErrorFrom(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', translate(getLang(), 'error.network')));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', translate(getLang(), 'upload.aborted')));
    signal?.addEventListener('abort', () => xhr.abort());
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

const POLL_MS = 500;

/** Polls GET /api/v1/jobs/:id about twice a second until the job has succeeded or failed. */
export async function followJob(jobId: string, onUpdate: (job: Job) => void, signal?: AbortSignal): Promise<Job> {
  for (;;) {
    const job = await api.get<Job>(`/api/v1/jobs/${encodeURIComponent(jobId)}`);
    if (signal?.aborted) throw new ApiError(0, 'ABORTED', translate(getLang(), 'upload.aborted'));
    onUpdate(job);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A job's error as a reader wants it: the server writes "CODE: 中文说明". */
export function jobErrorText(error: string | null): string {
  return (error ?? '').replace(/^[A-Z_]+:\s*/, '') || translate(getLang(), 'error.generic');
}
