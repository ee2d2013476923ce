import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';

function tooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', 'file', `上限 ${Math.round(maxBytes / 1048576)} MB`);
}

/**
 * Files kept on disk under DATA_DIR/blobs (uploads, rejects reports, plain-file resources).
 * Keys are random; a file is written under a temporary name and renamed when complete, so a
 * crash never leaves a half file under a real key.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  path(key: string): string {
    if (!/^[0-9a-f-]{36}(\.[a-z0-9]{1,8})?$/.test(key)) throw new AppError('NOT_FOUND');
    return join(this.root, key.slice(0, 2), key);
  }

  /** A fresh key and its path, for code that writes the file itself. */
  async reserve(extension = ''): Promise<{ key: string; path: string }> {
    const key = `${randomUUID()}${extension}`;
    const path = this.path(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    return { key, path };
  }

  /** Streams into a new blob, refusing past maxBytes; returns the key and size. */
  async put(source: Readable, maxBytes: number, extension = ''): Promise<{ key: string; size: number }> {
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) done(tooLarge(maxBytes));
        else done(null, chunk);
      },
    });
    const key = await this.write(extension, async (partial) => {
      await pipeline(source, limit, createWriteStream(partial));
      // Multipart streams stop silently at their own limit; it counts as too large too.
      if ((source as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
    });
    return { key, size };
  }

  /** Copies a local file into a new blob (the kernel copies it; for bulk imports from disk). */
  async putFile(source: string, maxBytes: number, extension = ''): Promise<{ key: string; size: number }> {
    const { size } = await stat(source);
    if (size > maxBytes) throw tooLarge(maxBytes);
    const key = await this.write(extension, (partial) => copyFile(source, partial));
    return { key, size };
  }

  /** A new blob written under a temporary name by `fill`, renamed into place only when complete. */
  private async write(extension: string, fill: (partial: string) => Promise<void>): Promise<string> {
    const { key, path } = await this.reserve(extension);
    const partial = `${path}.part`;
    try {
      await fill(partial);
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return key;
  }

  read(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async size(key: string): Promise<number> {
    return (await stat(this.path(key))).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
