/**
 * Content checks on a stored blob, from its first bytes: the same on the local folder and in a
 * bucket, where a ranged read fetches only what the check needs.
 */
import { fileTypeFromStream, type FileTypeResult } from 'file-type';
import type { BlobStore } from './store.js';

/** Magic numbers sit at the start; ZIP-based formats (OOXML) name their first entries soon after. */
const SNIFF_BYTES = 8 * 1024 * 1024;

/** The type the blob's bytes show (file-type's detection), or undefined when they show none. */
export async function detectFileType(blobs: BlobStore, key: string): Promise<FileTypeResult | undefined> {
  const stream = await blobs.read(key, { start: 0, end: SNIFF_BYTES - 1 });
  try {
    return await fileTypeFromStream(stream);
  } finally {
    stream.destroy();
  }
}

/** Up to `bytes` first bytes of the blob. */
export async function headOf(blobs: BlobStore, key: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.read(key, { start: 0, end: bytes - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).subarray(0, bytes);
}
