import { createReadStream, createWriteStream } from 'node:fs';
import { access, copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { assertBlobKey, newBlobKey, sizeLimit, tooLarge, wasTruncated, type BlobStore, type ByteRange, type StoredBlob } from './store.js';

/**
 * Blobs as files under DATA_DIR/blobs, in folders by the key's first two characters. A file is
 * written under a temporary name and renamed when complete, so a crash never leaves a half file
 * under a real key.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string, private readonly scratch: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(source: Readable, maxBytes: number, extension = ''): Promise<StoredBlob> {
    const limit = sizeLimit(maxBytes);
    const key = await this.write(extension, async (partial) => {
      await pipeline(source, limit, createWriteStream(partial));
      if (wasTruncated(source)) throw tooLarge(maxBytes);
    });
    return { key, size: limit.bytes };
  }

  /** The kernel copies the file. */
  async putFile(source: string, maxBytes: number, extension = ''): Promise<StoredBlob> {
    const { size } = await stat(source);
    if (size > maxBytes) throw tooLarge(maxBytes);
    const key = await this.write(extension, (partial) => copyFile(source, partial));
    return { key, size };
  }

  async scratchPath(extension = ''): Promise<string> {
    await mkdir(this.scratch, { recursive: true });
    return join(this.scratch, newBlobKey(extension));
  }

  /** A rename when DATA_DIR/tmp and DATA_DIR/blobs share a file system, a copy otherwise. */
  async adopt(path: string, extension = ''): Promise<StoredBlob> {
    const { size } = await stat(path);
    const key = await this.write(extension, async (partial) => {
      try {
        await rename(path, partial);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await copyFile(path, partial);
        await rm(path, { force: true });
      }
    });
    return { key, size };
  }

  /** A new blob written under a temporary name by `fill`, renamed into place only when complete. */
  private async write(extension: string, fill: (partial: string) => Promise<void>): Promise<string> {
    const key = newBlobKey(extension);
    const path = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
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

  /** Opened before it answers, so a missing blob is NOT_FOUND rather than a stream that fails later. */
  async read(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r').catch(notFound);
    return createReadStream('', { fd: handle, ...range });
  }

  async size(key: string): Promise<number> {
    return (await stat(this.pathOf(key)).catch(notFound)).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async withLocalFile<T>(key: string, fn: (path: string) => Promise<T>): Promise<T> {
    const path = this.pathOf(key);
    await access(path).catch(notFound);
    return fn(path);
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root);
  }

  close(): void {}

  /** Every complete blob with its size and file (the copy into a bucket walks them). */
  async *list(): AsyncGenerator<StoredBlob & { path: string }> {
    const folders = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const folder of folders.filter((f) => f.isDirectory()).map((f) => f.name).sort()) {
      for (const name of (await readdir(join(this.root, folder))).sort()) {
        if (name.endsWith('.part')) continue;
        const path = join(this.root, folder, name);
        yield { key: name, size: (await stat(path)).size, path };
      }
    }
  }
}

function notFound(err: NodeJS.ErrnoException): never {
  if (err.code === 'ENOENT') throw new AppError('NOT_FOUND');
  throw err;
}
