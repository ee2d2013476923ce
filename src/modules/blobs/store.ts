import { randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';

export interface StoredBlob {
  key: string;
  size: number;
}

/** A byte range of a blob, both ends included (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploads, rejects reports, file resources, attachments, agreements, returned data and
 * source snapshots are kept: a local folder (one host) or an S3-compatible bucket (several).
 * Keys are random and made by the store; nothing outside it builds a path or an object name.
 */
export interface BlobStore {
  /** Streams into a new blob, refusing past maxBytes with nothing left behind. */
  put(source: Readable, maxBytes: number, extension?: string): Promise<StoredBlob>;
  /** Copies a local file into a new blob (bulk imports from disk). */
  putFile(path: string, maxBytes: number, extension?: string): Promise<StoredBlob>;
  /** A fresh local path (under DATA_DIR/tmp) for a file the caller writes, then adopts or removes. */
  scratchPath(extension?: string): Promise<string>;
  /** Makes a file the caller wrote at a scratch path a new blob; the file is gone afterwards. */
  adopt(path: string, extension?: string): Promise<StoredBlob>;
  /** The blob's bytes, or a range of them; NOT_FOUND before any byte when there is no such blob. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  size(key: string): Promise<number>;
  /** Removes the blob; a missing one is not an error. */
  remove(key: string): Promise<void>;
  /**
   * Runs `fn` on the blob as a local file, for code that reads a file by path (the ingest's
   * several passes): the local store hands over its own file, the bucket a temporary download
   * removed afterwards. `fn` must not change or keep the file.
   */
  withLocalFile<T>(key: string, fn: (path: string) => Promise<T>): Promise<T>;
  /** Answers when the storage does (readiness); throws otherwise. */
  ping(): Promise<void>;
  close(): void;
}

/** Random and unguessable, with the file's extension for the formats that are read by name. */
export function newBlobKey(extension = ''): string {
  return `${randomUUID()}${extension}`;
}

/** A key the store could have made; anything else is no blob (and never reaches a path or a bucket). */
export function assertBlobKey(key: string): void {
  if (!/^[0-9a-f-]{36}(\.[a-z0-9]{1,8})?$/.test(key)) throw new AppError('NOT_FOUND');
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', 'file', `上限 ${Math.round(maxBytes / 1048576)} MB`);
}

/** Passes bytes through while counting them, failing with FILE_TOO_LARGE past maxBytes. */
export function sizeLimit(maxBytes: number): Transform & { bytes: number } {
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      limit.bytes += chunk.length;
      if (limit.bytes > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  }) as Transform & { bytes: number };
  limit.bytes = 0;
  return limit;
}

/** Multipart streams stop silently at their own limit (busboy marks them truncated): that is too large too. */
export function wasTruncated(source: Readable): boolean {
  return Boolean((source as Readable & { truncated?: boolean }).truncated);
}
