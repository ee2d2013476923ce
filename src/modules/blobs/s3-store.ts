import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import {
  DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { assertBlobKey, newBlobKey, sizeLimit, tooLarge, wasTruncated, type BlobStore, type ByteRange, type StoredBlob } from './store.js';

/** Parts of a multipart upload: the memory an upload holds is at most PART_BYTES × PARTS_IN_FLIGHT. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
const CONNECT_TIMEOUT_MS = 5_000;
/** A readiness probe wants an answer soon: a bucket slower than this is not ready. */
const PING_TIMEOUT_MS = 5_000;

/**
 * Blobs as objects in an S3-compatible bucket (AWS, Aliyun OSS, MinIO, Ceph), under the blob's
 * key. Uploads stream through multipart uploads in constant memory; a refused or failed one is
 * aborted and leaves no object. Credentials come from the SDK's default chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(readonly settings: S3Settings, private readonly scratch: string) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // The SDK's default CRC32 checksums (and the aws-chunked bodies they bring) are not
      // understood by many S3-compatible servers; S3 itself needs them only where an API requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // An unreachable endpoint fails fast rather than holding a request (or a readiness probe).
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS },
    });
  }

  async put(source: Readable, maxBytes: number, extension = ''): Promise<StoredBlob> {
    const limit = sizeLimit(maxBytes);
    let failure: Error | undefined;
    // The source's own failure (a client gone mid-upload) ends the body with it, and the upload.
    const body = pipeline(source, limit, (err) => { if (err) failure = err; });
    const key = newBlobKey(extension);
    try {
      await this.upload(key, body);
    } catch (err) {
      throw failure ?? err;
    }
    if (wasTruncated(source)) {
      await this.remove(key);
      throw tooLarge(maxBytes);
    }
    return { key, size: limit.bytes };
  }

  async putFile(path: string, maxBytes: number, extension = ''): Promise<StoredBlob> {
    const key = newBlobKey(extension);
    return { key, size: await this.putFileAs(key, path, maxBytes) };
  }

  /** Uploads a local file under a given key (the copy of a local store keeps its keys); answers its size. */
  async putFileAs(key: string, path: string, maxBytes = Infinity): Promise<number> {
    assertBlobKey(key);
    const { size } = await stat(path);
    if (size > maxBytes) throw tooLarge(maxBytes);
    await this.upload(key, createReadStream(path));
    return size;
  }

  async scratchPath(extension = ''): Promise<string> {
    await mkdir(this.scratch, { recursive: true });
    return join(this.scratch, newBlobKey(extension));
  }

  async adopt(path: string, extension = ''): Promise<StoredBlob> {
    try {
      return await this.putFile(path, Infinity, extension);
    } finally {
      await rm(path, { force: true });
    }
  }

  private async upload(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: body },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertBlobKey(key);
    try {
      const { Body } = await this.client.send(new GetObjectCommand({
        Bucket: this.settings.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }));
      return Body as Readable;
    } catch (err) {
      // A range of an empty object is unsatisfiable: it has no bytes to give.
      if (range && statusOf(err) === 416) return Readable.from([]);
      throw missing(err);
    }
  }

  async size(key: string): Promise<number> {
    assertBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return Number(head.ContentLength);
    } catch (err) {
      throw missing(err);
    }
  }

  async remove(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  async withLocalFile<T>(key: string, fn: (path: string) => Promise<T>): Promise<T> {
    const path = await this.scratchPath(/\.[a-z0-9]{1,8}$/.exec(key)?.[0] ?? '');
    try {
      await pipelineAsync(await this.read(key), createWriteStream(path));
      return await fn(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
  }

  close(): void {
    this.client.destroy();
  }
}

function statusOf(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}

function missing(err: unknown): unknown {
  return statusOf(err) === 404 ? new AppError('NOT_FOUND') : err;
}
