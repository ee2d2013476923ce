import { join } from 'node:path';
import { readS3 } from '../config.js';
import type { AppContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { LocalBlobStore } from '../modules/blobs/local-store.js';
import { S3BlobStore } from '../modules/blobs/s3-store.js';
import type { StoredBlob } from '../modules/blobs/store.js';
import { progressBar } from './progress.js';

/** Blobs copied at once: small files are dominated by round trips, large ones by the network. */
const CONCURRENCY = 4;

/**
 * `shukai blobs copy-to-s3`: copies every blob of DATA_DIR/blobs into the bucket S3_* name, under
 * the same keys, so the database's references hold once SHUKAI_BLOBS=s3 is set. A blob already
 * in the bucket with the same size is skipped: the command can run again after an interruption,
 * and once more, briefly, just before the switch. Prints `{ copied, skipped, bytes }` last.
 */
export async function copyBlobsToS3(ctx: AppContext): Promise<number> {
  const scratch = join(ctx.config.dataDir, 'tmp', String(process.pid));
  const local = new LocalBlobStore(join(ctx.config.dataDir, 'blobs'), scratch);
  const bucket = new S3BlobStore(readS3(process.env), scratch);
  try {
    await bucket.ping();
    const blobs: (StoredBlob & { path: string })[] = [];
    for await (const blob of local.list()) blobs.push(blob);
    const total = blobs.reduce((sum, b) => sum + b.size, 0);
    const counts = { copied: 0, skipped: 0, bytes: 0 };
    const bar = progressBar('复制 / copying');
    let done = 0;
    const copyNext = async (): Promise<void> => {
      for (let blob = blobs.pop(); blob; blob = blobs.pop()) {
        if (await sizeIn(bucket, blob.key) === blob.size) counts.skipped++;
        else {
          await bucket.putFileAs(blob.key, blob.path);
          counts.copied++;
          counts.bytes += blob.size;
        }
        done += blob.size;
        bar.update(total ? done / total : 1, `${counts.copied + counts.skipped} 个 / blobs`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, copyNext));
    bar.done();
    await ctx.audit.record({
      actorId: null, action: 'cli.blobs.copyToS3', target: null, ip: 'cli', outcome: 'success', statusCode: 0,
      detail: JSON.stringify({ bucket: bucket.settings.bucket, ...counts }),
    });
    console.log(JSON.stringify(counts));
    return 0;
  } finally {
    bucket.close();
  }
}

async function sizeIn(bucket: S3BlobStore, key: string): Promise<number | null> {
  try {
    return await bucket.size(key);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}
