import { join } from 'node:path';
import type { Config } from '../../config.js';
import { LocalBlobStore } from './local-store.js';
import { S3BlobStore } from './s3-store.js';
import type { BlobStore } from './store.js';

/** The configured store; both keep their temporary local copies under DATA_DIR/tmp. */
export function openBlobStore(config: Pick<Config, 'dataDir' | 'blobs'>): BlobStore {
  const scratch = join(config.dataDir, 'tmp');
  return config.blobs.kind === 's3'
    ? new S3BlobStore(config.blobs, scratch)
    : new LocalBlobStore(join(config.dataDir, 'blobs'), scratch);
}
