/**
 * An incremental RFC 4180 parser over decoded text chunks. Bounded memory whatever the
 * input: a cell longer than the cap is dropped (its row is flagged), a row with more cells
 * than the cap only counts them, and an unterminated quote is an error at the end.
 * Quotes inside an unquoted cell are kept as data (common in hand-made files).
 */
import { AppError } from '../domain/errors.js';

export interface SourceRow {
  /** Row in the source (header = 1); JSON: the record's position. */
  row: number;
  cells: string[];
  /** Cells found, which may exceed cells.length when capped. */
  cellCount: number;
  /** A cell was over the size cap (its text is dropped). */
  tooLong: boolean;
  /** The row cannot be used at all (for instance a JSON element that is not an object). */
  invalid?: string;
}

export const CELL_CAP = 32 * 1024;
export const MAX_CELLS = 4096;

const START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_SEEN = 3;
const QUOTE = 34;

export class CsvParser {
  private state = START;
  private cells: string[] = [];
  private cellCount = 0;
  private pending = '';
  private tooLong = false;
  private record = 0;
  private quoteRow = 0;
  private newline = '\n';
  private first = true;
  private out: SourceRow[] = [];

  constructor(private readonly delimiter: string) {}

  private pushCell(text: string): void {
    this.cellCount++;
    if (text.length > CELL_CAP) { this.tooLong = true; text = ''; }
    if (this.cells.length < MAX_CELLS) this.cells.push(text);
  }

  private endRecord(): void {
    this.record++;
    const cells = this.cells;
    if (!(this.cellCount === 1 && cells[0] === '' && !this.tooLong)) {
      this.out.push({ row: this.record, cells, cellCount: this.cellCount, tooLong: this.tooLong });
    }
    this.cells = [];
    this.cellCount = 0;
    this.tooLong = false;
  }

  private append(text: string): void {
    if (this.pending.length + text.length > CELL_CAP) this.tooLong = true;
    else this.pending += text;
  }

  /** Parses a chunk; returns the rows it completed. */
  push(s: string): SourceRow[] {
    if (this.first) {
      // Old Mac files end lines with a lone CR; decide once a line end has been seen.
      const cr = s.indexOf('\r');
      if (s.indexOf('\n') !== -1) this.first = false;
      else if (cr !== -1 && cr < s.length - 1) { this.first = false; this.newline = '\r'; }
    }
    const n = s.length;
    const delim = this.delimiter;
    const nlChar = this.newline;
    let i = 0;
    let nl = -1;
    while (i < n) {
      if (this.state === START) {
        if (s.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          this.quoteRow = this.record + 1;
          this.pending = '';
          i++;
          continue;
        }
        this.state = UNQUOTED;
      }
      if (this.state === UNQUOTED) {
        if (nl < i) { nl = s.indexOf(nlChar, i); if (nl === -1) nl = n; }
        let end = s.indexOf(delim, i);
        const atDelim = end !== -1 && end < nl;
        if (!atDelim) end = nl;
        if (end === n) { this.append(s.slice(i)); break; }
        let text = s.slice(i, end);
        if (this.pending) { text = this.pending + text; this.pending = ''; }
        i = end + 1;
        this.state = START;
        if (atDelim) { this.pushCell(text); continue; }
        if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
        this.pushCell(text);
        this.endRecord();
        continue;
      }
      if (this.state === QUOTED) {
        const q = s.indexOf('"', i);
        if (q === -1) { this.append(s.slice(i)); break; }
        this.append(s.slice(i, q));
        i = q + 1;
        this.state = QUOTE_SEEN;
        continue;
      }
      // QUOTE_SEEN: an escaped quote, or the end of the quoted cell
      const c = s[i];
      if (c === '"') { this.append('"'); this.state = QUOTED; i++; continue; }
      if (c === '\r' && nlChar === '\n') { i++; continue; }
      if (c === delim || c === nlChar) {
        this.pushCell(this.pending);
        this.pending = '';
        this.state = START;
        i++;
        if (c === nlChar) this.endRecord();
        continue;
      }
      throw new AppError('MALFORMED_FILE', 'file', `第 ${this.record + 1} 行：引号闭合后还有多余字符（引号内的引号须写成两个“""”）`);
    }
    const rows = this.out;
    this.out = [];
    return rows;
  }

  /** Completes the last row; throws if a quoted cell never closed. */
  end(): SourceRow[] {
    if (this.state === QUOTED) {
      throw new AppError('MALFORMED_FILE', 'file', `第 ${this.quoteRow} 行起的引号未闭合，文件在引号内结束`);
    }
    if (this.state === UNQUOTED || this.state === QUOTE_SEEN || this.cells.length > 0) {
      this.pushCell(this.pending);
      this.pending = '';
      this.endRecord();
    }
    this.state = START;
    const rows = this.out;
    this.out = [];
    return rows;
  }
}
