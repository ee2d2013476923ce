/**
 * Checks an uploaded ZIP before the XLSX reader opens it: it must be an Excel workbook, and
 * its entries must not expand beyond fixed bounds (a zip bomb renamed .xlsx). The sizes
 * are measured by inflating each entry, not taken from headers that could lie.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../domain/errors.js';

export const XLSX_LIMITS = {
  /** All entries together, uncompressed. */
  totalBytes: 1536 * 1024 * 1024,
  /** The shared strings table, which the reader keeps in memory. */
  sharedStringsBytes: 96 * 1024 * 1024,
  entries: 10_000,
  /**
   * How many times its compressed size an entry may inflate to, past the first 16 MiB. A sheet
   * always varies (every cell names its row: 300,000 rows of identical zeros inflate 11×); a
   * bomb repeats one byte and inflates about 1,000×, into a text the reader would hold whole.
   */
  ratio: 100,
  ratioFreeBytes: 16 * 1024 * 1024,
};

interface Entry { name: string; method: number; compressed: number; localOffset: number }

const broken = (detail = '压缩结构损坏') => new AppError('MALFORMED_FILE', 'file', `文件不是有效的 XLSX：${detail}`);

async function readEntries(path: string): Promise<Entry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw broken();
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count > XLSX_LIMITS.entries) throw broken('条目过多');
    if (cdOffset + cdSize > size) throw broken();
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw broken();
      const nameLen = cd.readUInt16LE(p + 28);
      const skip = nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
      const entry = {
        method: cd.readUInt16LE(p + 10),
        compressed: cd.readUInt32LE(p + 20),
        localOffset: cd.readUInt32LE(p + 42),
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      };
      if (entry.compressed === 0xffffffff || entry.localOffset === 0xffffffff) throw broken('不支持 ZIP64');
      entries.push(entry);
      p += 46 + skip;
    }
    // Where each entry's data begins, from its local header.
    const local = Buffer.alloc(30);
    for (const e of entries) {
      await fh.read(local, 0, 30, e.localOffset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw broken();
      e.localOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (e.localOffset + e.compressed > size) throw broken();
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Inflated size of one entry, giving up as soon as it passes `limit`. */
async function inflatedSize(path: string, e: Entry, limit: number, signal?: AbortSignal): Promise<number> {
  if (e.compressed === 0) return 0;
  const input = createReadStream(path, { start: e.localOffset, end: e.localOffset + e.compressed - 1 });
  if (e.method === 0) { input.destroy(); return e.compressed; }
  if (e.method !== 8) { input.destroy(); throw broken('不支持的压缩方式'); }
  const inflate = createInflateRaw();
  input.pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate) {
      signal?.throwIfAborted();
      total += (chunk as Buffer).length;
      if (total > limit) return total;
    }
  } catch (err) {
    if (err instanceof AppError || signal?.aborted) throw err;
    throw broken();
  } finally {
    input.destroy();
    inflate.destroy();
  }
  return total;
}

/** Throws unless the file is an XLSX workbook within the size bounds. */
export async function inspectZip(path: string, signal?: AbortSignal): Promise<void> {
  const entries = await readEntries(path);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) throw new AppError('UNSUPPORTED_FORMAT', 'file', 'ZIP 压缩包不是 XLSX 工作簿');
  let total = 0;
  for (const e of entries) {
    const isShared = e.name === 'xl/sharedStrings.xml';
    const room = Math.min(XLSX_LIMITS.totalBytes - total, isShared ? XLSX_LIMITS.sharedStringsBytes : Infinity);
    const plausible = Math.max(XLSX_LIMITS.ratioFreeBytes, e.compressed * XLSX_LIMITS.ratio);
    const size = await inflatedSize(path, e, Math.min(room, plausible), signal);
    if (size > plausible) {
      throw new AppError('FILE_TOO_LARGE', 'file', `XLSX 中的“${e.name.slice(0, 64)}”解压后超过压缩大小的 ${XLSX_LIMITS.ratio} 倍，疑似压缩炸弹；请用 Excel 重新保存，或改用 CSV`);
    }
    if (size > room) {
      throw new AppError('FILE_TOO_LARGE', 'file', `XLSX 解压后超过 ${Math.round((isShared ? XLSX_LIMITS.sharedStringsBytes : XLSX_LIMITS.totalBytes) / 1048576)} MB，疑似压缩炸弹；请拆分文件或改用 CSV`);
    }
    total += size;
  }
}
