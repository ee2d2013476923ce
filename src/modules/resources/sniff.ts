import { AppError } from '../../domain/errors.js';
import { detectFileType, headOf } from '../blobs/content.js';
import type { BlobStore, StoredBlob } from '../blobs/store.js';

/** Plain-file resources a portal publishes: documents, archives, geodata, images, text. */
const ALLOWED = new Set([
  'application/pdf', 'application/zip', 'application/gzip', 'application/x-7z-compressed', 'application/x-rar-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword', 'application/vnd.ms-excel', 'application/x-cfb',
  'image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'application/xml', 'application/vnd.google-earth.kml+xml',
]);

const TEXT_TYPES: Record<string, string> = {
  csv: 'text/csv', tsv: 'text/tab-separated-values', txt: 'text/plain', json: 'application/json',
  geojson: 'application/geo+json', xml: 'application/xml', kml: 'application/vnd.google-earth.kml+xml', md: 'text/markdown',
};

/**
 * The content type of an uploaded file, from its bytes, not its name; executables and
 * anything unrecognised are refused. Text files have no magic number: they are recognised by
 * containing no NUL byte, and typed by their extension.
 */
export async function sniffContentType(blobs: BlobStore, { key, size }: StoredBlob, fileName: string): Promise<string> {
  if (size === 0) throw new AppError('EMPTY_FILE', 'file');
  const detected = await detectFileType(blobs, key);
  if (detected) {
    if (ALLOWED.has(detected.mime)) return detected.mime;
    throw new AppError('UNSUPPORTED_FORMAT', 'file', `检测到的文件类型 ${detected.mime} 不允许上传`);
  }
  if ((await headOf(blobs, key, 8192)).includes(0)) throw new AppError('UNSUPPORTED_FORMAT', 'file', '无法识别的二进制文件');
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return TEXT_TYPES[extension] ?? 'text/plain';
}
