import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.js';
import { LocalBlobStore } from './local-store.js';
import type { BlobStore } from './store.js';

/**
 * The configured store. Both keep temporary local files (downloads for the ingest, reports being
 * written) under DATA_DIR/tmp/<pid>: what a killed process left there is removed when the next
 * one opens the store, without touching the files of processes still running beside it.
 * The AWS SDK loads only for object storage: ~15 MB a server with a local folder never needs.
 */
export async function openBlobStore(config: Pick<Config, 'dataDir' | 'blobs'>): Promise<BlobStore> {
  const scratchRoot = join(config.dataDir, 'tmp');
  sweepDeadScratch(scratchRoot);
  const scratch = join(scratchRoot, String(process.pid));
  if (config.blobs.kind !== 's3') return new LocalBlobStore(join(config.dataDir, 'blobs'), scratch);
  const { S3BlobStore } = await import('./s3-store.js');
  return new S3BlobStore(config.blobs, scratch);
}

function sweepDeadScratch(root: string): void {
  let folders: string[];
  try {
    folders = readdirSync(root);
  } catch {
    return;
  }
  for (const name of folders) {
    if (/^\d+$/.test(name) && !isRunning(Number(name))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: running, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
