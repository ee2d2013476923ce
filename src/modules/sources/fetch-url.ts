/**
 * A URL source's data into the blob store: one GET within the allowlist and the limits, and a
 * JSON API page's rows taken out from under their key (`jsonPath`) so the ingest reads a
 * plain JSON array.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import type { BlobStore } from '../blobs/store.js';
import { fetchFromSource } from './fetch.js';
import type { SourceReach } from './reach.js';
import type { SourceFormat } from './settings.js';

export interface SourceLimits {
  /** The largest file (or query result as CSV) a run takes, in bytes. */
  maxBytes: number;
  /** For fetching a URL, or connecting to a database and reading the query's result. */
  timeoutMs: number;
  /** The most rows a database query may answer. */
  maxRows: number;
}

/** A JSON page is read whole to find its rows: it must fit in memory comfortably. */
const JSON_PAGE_MAX_BYTES = 64 * 1024 * 1024;

export interface FetchedFile {
  blobKey: string;
  /** A name whose extension tells the ingest the format, when the content does not. */
  fileName: string;
}

export async function fetchUrlSource(
  reach: SourceReach, blobs: BlobStore, limits: SourceLimits,
  source: { url: string; format: SourceFormat | null; jsonPath: string | null; authorization?: string | undefined },
): Promise<FetchedFile> {
  const response = await fetchFromSource(reach, source.url, {
    maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs, headers: source.authorization ? { authorization: source.authorization } : {},
  });
  if (response.status < 200 || response.status >= 300) {
    response.body.resume();
    throw new AppError('SOURCE_HTTP_ERROR', undefined, `${new URL(response.url).host} 返回 HTTP ${response.status}`);
  }
  const format = source.jsonPath ? 'json' : source.format ?? formatOf(String(response.headers['content-type'] ?? ''), response.url);
  const { key } = await blobs.put(response.body, limits.maxBytes, `.${format}`);
  if (!source.jsonPath) return { blobKey: key, fileName: `source.${format}` };
  try {
    return { blobKey: await takeRows(blobs, key, source.jsonPath), fileName: 'source.json' };
  } finally {
    await blobs.remove(key);
  }
}

function formatOf(contentType: string, url: string): SourceFormat {
  if (/json/i.test(contentType)) return 'json';
  if (/spreadsheetml|ms-excel/i.test(contentType)) return 'xlsx';
  const extension = /\.(csv|xlsx|json)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return (extension as SourceFormat | undefined) ?? 'csv';
}

/** The array found at `path` in the page (data.items → page.data.items), as a new blob. */
async function takeRows(blobs: BlobStore, page: string, path: string): Promise<string> {
  const text = await blobs.withLocalFile(page, (file) => readFile(file, 'utf8'));
  if (text.length > JSON_PAGE_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', undefined, '按键取数据的 JSON 页面不能超过 64 MB');
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new AppError('MALFORMED_FILE', undefined, '数据源返回的内容不是有效的 JSON');
  }
  for (const step of path.split('.')) {
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  }
  if (!Array.isArray(value)) throw new AppError('MALFORMED_FILE', undefined, `JSON 中“${path}”处不是记录数组`);
  return (await blobs.put(Readable.from([JSON.stringify(value)]), Infinity, '.json')).key;
}
