/**
 * The CSV of rejected rows that the provider downloads: 行号, 字段, 原因, then the row's
 * cells under the file's own header. UTF-8 with BOM so that Excel shows the Chinese.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine } from './csv-format.js';

export class RejectsWriter {
  private readonly out: WriteStream;
  private buffer = '';
  count = 0;
  first: { row: number; field: string; reason: string } | undefined;

  constructor(path: string, header: string[]) {
    this.out = createWriteStream(path);
    this.buffer = `\uFEFF${csvLine(['行号', '字段', '原因', ...header])}`;
  }

  add(row: number, field: string, reason: string, cells: string[]): void {
    this.count++;
    this.first ??= { row, field, reason };
    this.buffer += csvLine([String(row), field, reason, ...cells]);
  }

  /** Hands buffered lines to the file, waiting when the disk is behind. */
  async flush(): Promise<void> {
    if (!this.buffer) return;
    const ok = this.out.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
  }

  /** Closes without waiting for anything but the file handle (on failure paths). */
  async abandon(): Promise<void> {
    this.out.end(this.buffer);
    this.buffer = '';
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
  }
}
