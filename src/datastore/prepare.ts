/**
 * The file half of an ingest, with no database in it: scan (format, encoding, checksum) →
 * infer types over the whole file when no 数据项 are declared → the load plan → every row
 * converted to stored values, rejected rows written to the rejects CSV, each field profiled.
 * It runs in a worker thread for big files (see prepared-source.ts), so everything it hands
 * the sink is plain data.
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../domain/errors.js';
import { isPlainCsvCell } from './csv-format.js';
import { CELL_CAP } from './csv-parser.js';
import { buildPlan, checkHeader, type LoadPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import { RejectsWriter } from './rejects.js';
import { scanFile, type ScanResult } from './scan.js';
import { readRows, type SourceRow } from './source.js';
import type { DataTable, FieldProfile, FieldSpec, FieldType } from './types.js';
import { rejectReason, toDbValue, TypeInference, type DbValue } from './values.js';

/** Rows per batch handed to the loader: one SQLite transaction, or one slice of the COPY stream. */
const LOAD_BATCH = 2000;

/** What the file half needs to know; all of it plain data (it crosses to a worker thread). */
export interface PrepareInput {
  filePath: string;
  fileName: string;
  declaredFields?: FieldSpec[];
  /** The upsert key (mode 'upsert'). */
  key?: string;
  /** The table that append / upsert start from: its fields shape the plan. */
  previous?: DataTable;
  strict: boolean;
  rejectsPath: string;
}

/** Where prepared data goes; each promise resolves when the receiver is ready for more. */
export interface PrepareSink {
  progress(bytesRead: number, totalBytes: number): void;
  /** Once, before any rows: the table's shape. */
  plan(plan: LoadPlan, sourceColumns: string[], scan: ScanResult): Promise<void>;
  /** Stored values; element 0 of each row is left for the row id, which the loader assigns. */
  rows(rows: DbValue[][]): Promise<void>;
}

export interface PrepareSummary {
  rejected: number;
  firstReject?: Reject;
  /** Per-field statistics of the loaded rows (a replace; append / upsert profile the whole table), sensitive values withheld. */
  profile: FieldProfile[] | null;
  /** Per plan field: a text field whose loaded cells are all plain in CSV (TableField.plainText). */
  plainText: boolean[];
}

interface Reject { row: number; field: string; reason: string }

/** Bytes read over the passes the file needs, reported in steps of 1 %. */
class Progress {
  private pass = 0;
  private inPass = 0;
  private lastReported = -Infinity;
  constructor(private readonly sink: PrepareSink, private readonly total: number, private readonly passes: number) {}

  bytes = (n: number): void => {
    this.inPass += n;
    const read = Math.min(this.total, Math.floor((this.pass * this.total + this.inPass) / this.passes));
    if (read - this.lastReported < this.total / 100) return;
    this.lastReported = read;
    this.sink.progress(read, this.total);
  };

  nextPass(): void { this.pass++; this.inPass = 0; }
}

/** Pass 1: the header (JSON: every key) and, without declared fields, each column's type. */
async function inferPass(input: PrepareInput, scan: ScanResult, progress: Progress, signal?: AbortSignal) {
  const keys: string[] = [];
  let header: string[] | null = scan.format === 'json' ? keys : null;
  let rawHeader: string[] = keys;
  const inference: TypeInference[] = [];
  const infer = !input.declaredFields?.length;
  let rows = 0;
  for await (const batch of readRows(input.filePath, scan, { onBytes: progress.bytes, signal, jsonKeys: keys, collectKeys: true })) {
    for (const r of batch) {
      if (!header) {
        rawHeader = r.cells;
        header = checkHeader(r.cells, r.cellCount, r.tooLong);
        if (infer) for (const name of header) inference.push(new TypeInference(name));
        continue;
      }
      rows++;
      if (!infer || r.invalid || r.tooLong || (scan.format !== 'json' && r.cellCount > header.length)) continue;
      if (scan.format === 'csv' || scan.format === 'tsv') { if (r.cellCount !== header.length) continue; }
      while (inference.length < header.length) inference.push(new TypeInference(header[inference.length]!));
      const cells = r.cells;
      for (let i = 0; i < cells.length; i++) inference[i]!.add(cells[i]!);
    }
  }
  if (!header || (scan.format === 'json' && header.length === 0 && rows === 0)) throw new AppError('EMPTY_FILE', 'file');
  if (rows === 0) throw new AppError('EMPTY_FILE', 'file', '只有表头，没有数据行');
  if (scan.format === 'json') checkHeader(header);
  return { header: rawHeader, types: infer ? header.map((_, i): FieldType => inference[i]?.type() ?? 'string') : undefined };
}

/** Names of the declared fields whose values the statistics withhold. */
export function sensitiveNames(declared: FieldSpec[] | undefined): Set<string> {
  return new Set((declared ?? []).filter((f) => f.sensitive).map((f) => f.name.trim()));
}

/** Converts, checks and profiles rows under one plan; rejected rows go to the rejects CSV. */
class RowConverter {
  readonly profilers: FieldProfiler[] | null;
  readonly plainText: boolean[];
  /** The text fields still plain: each loaded cell of them is checked until one is not. */
  private plainLeft: number[];
  constructor(private readonly plan: LoadPlan, private readonly width: number, private readonly padShort: boolean, private readonly rejects: RejectsWriter, profile: Set<string> | null) {
    this.profilers = profile ? plan.fields.map((f) => new FieldProfiler(f.name, f.type, profile.has(f.name))) : null;
    this.plainText = plan.fields.map((f) => f.type === 'string');
    this.plainLeft = plan.fields.flatMap((f, i) => (f.type === 'string' ? [i] : []));
  }

  /** One source row as stored values (slot 0 empty for the row id), or null when rejected. */
  convert(r: SourceRow): DbValue[] | null {
    const rejects = this.rejects;
    if (r.invalid) { rejects.add(r.row, '', r.invalid, r.cells); return null; }
    if (r.tooLong) { rejects.add(r.row, '', `单元格过长（超过 ${CELL_CAP / 1024} KiB）`, r.cells); return null; }
    if (this.padShort ? r.cellCount > this.width : r.cellCount !== this.width) {
      rejects.add(r.row, '', `列数不符：表头 ${this.width} 列，该行 ${r.cellCount} 列`, r.cells);
      return null;
    }
    const { fields, sourceIndex, keyIndex } = this.plan;
    const cells = r.cells;
    const out: DbValue[] = new Array(fields.length + 1);
    out[0] = null;
    let bad: number[] | null = null;
    for (let i = 0; i < fields.length; i++) {
      const src = sourceIndex[i]!;
      const raw = src >= 0 ? cells[src] ?? '' : '';
      const v = toDbValue(fields[i]!.type, raw);
      if (v === undefined) (bad ??= []).push(i);
      else out[i + 1] = v;
    }
    // Every bad cell of the row is reported, so that one round of fixes is enough.
    if (bad) {
      const raw = (i: number) => (sourceIndex[i]! >= 0 ? cells[sourceIndex[i]!] ?? '' : '');
      rejects.add(r.row, bad.map((i) => fields[i]!.name).join('、'), bad.map((i) => rejectReason(fields[i]!.type, raw(i))).join('；'), cells);
      return null;
    }
    if (keyIndex >= 0 && out[keyIndex + 1] === null) {
      rejects.add(r.row, fields[keyIndex]!.name, `主键“${fields[keyIndex]!.name}”为空`, cells);
      return null;
    }
    const profilers = this.profilers;
    if (profilers) for (let i = 0; i < fields.length; i++) profilers[i]!.add(out[i + 1]!);
    if (this.plainLeft.length) this.checkPlain(out);
    return out;
  }

  private checkPlain(row: DbValue[]): void {
    let lost = false;
    for (const i of this.plainLeft) {
      const v = row[i + 1];
      if (typeof v === 'string' && !isPlainCsvCell(v)) {
        this.plainText[i] = false;
        lost = true;
      }
    }
    if (lost) this.plainLeft = this.plainLeft.filter((i) => this.plainText[i]);
  }
}

/**
 * Reads the whole file into the sink: the plan, then batches of rows. A strict ingest stops
 * handing out rows at the first reject but reads on, so the rejects CSV lists them all.
 */
export async function prepareRows(input: PrepareInput, sink: PrepareSink, signal?: AbortSignal): Promise<PrepareSummary> {
  let rejects: RejectsWriter | null = null;
  try {
    const { size } = await stat(input.filePath);
    const progress = new Progress(sink, size, input.declaredFields?.length ? 2 : 3);
    const scan = await scanFile(input.filePath, input.fileName, progress.bytes, signal);
    progress.nextPass();
    const needInference = !input.declaredFields?.length || scan.format === 'json';
    const pre = needInference ? await inferPass(input, scan, progress, signal) : null;
    if (pre) progress.nextPass();

    let converter: RowConverter | null = null;
    const start = async (rawHeader: string[], found = rawHeader.length, tooLong = false): Promise<RowConverter> => {
      const sourceColumns = [...rawHeader];
      const header = checkHeader(rawHeader, found, tooLong);
      const plan = buildPlan({ header, declared: input.declaredFields, inferred: pre?.types, previous: input.previous, key: input.key });
      rejects = new RejectsWriter(input.rejectsPath, sourceColumns);
      await sink.plan(plan, sourceColumns, scan);
      return new RowConverter(plan, header.length, scan.format === 'xlsx', rejects, input.previous ? null : sensitiveNames(input.declaredFields));
    };
    // JSON has no header row: its keys come from the first pass.
    if (scan.format === 'json') converter = await start(pre!.header);
    let skipHeader = scan.format !== 'json';

    let pending: DbValue[][] = [];
    for await (const batch of readRows(input.filePath, scan, { onBytes: progress.bytes, signal, jsonKeys: pre ? [...pre.header] : undefined })) {
      let first = 0;
      if (skipHeader) { skipHeader = false; first = 1; converter = await start(batch[0]!.cells, batch[0]!.cellCount, batch[0]!.tooLong); }
      const c = converter!;
      const rw: RejectsWriter = rejects!;
      for (let b = first; b < batch.length; b++) {
        const row = c.convert(batch[b]!);
        if (row && !(input.strict && rw.count > 0)) pending.push(row);
      }
      if (pending.length >= LOAD_BATCH) {
        await sink.rows(pending);
        pending = [];
      }
      await rw.flush();
    }
    if (!converter) throw new AppError('EMPTY_FILE', 'file');
    const c: RowConverter = converter;
    const rw: RejectsWriter = rejects!;
    if (pending.length && !(input.strict && rw.count > 0)) await sink.rows(pending);
    await rw.close();
    rejects = null;
    return { rejected: rw.count, firstReject: rw.first, profile: c.profilers ? c.profilers.map((p) => p.result()) : null, plainText: c.plainText };
  } finally {
    const rw = rejects as RejectsWriter | null;
    if (rw) await rw.abandon().catch(() => undefined);
  }
}
