/**
 * Streams a JSON array of objects: splits the top-level elements without building the
 * whole document, then parses each element on its own (bounded in size). Integers too long
 * for a double are kept as text, so no digit is lost.
 */
import { AppError } from '../domain/errors.js';
import { CELL_CAP, MAX_CELLS, type SourceRow } from './csv-parser.js';

export const JSON_RECORD_CAP = 1024 * 1024;
/**
 * Deepest nesting of objects and lists a record may have (the record itself is level 1). A value
 * nested thousands deep parses, but writing it back out as cell text overflows the stack, which
 * would fail the ingest as an internal error instead of telling the uploader what is wrong.
 */
const MAX_JSON_DEPTH = 64;

const BEFORE = 0, BETWEEN = 1, IN_ELEMENT = 2, AFTER = 3;

const LONG_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function protectLongNumbers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  return text.replace(LONG_NUMBER, (m) => (m[0] !== '"' && m.replace(/[^0-9]/g, '').length > 15 ? `"${m}"` : m));
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export class JsonArraySplitter {
  private state = BEFORE;
  private depth = 0;
  private inString = false;
  private escape = false;
  private buf = '';
  private tooBig = false;
  private count = 0;
  private out: { index: number; text: string | null }[] = [];

  private finishElement(): void {
    this.count++;
    this.out.push({ index: this.count, text: this.tooBig ? null : this.buf });
    this.buf = '';
    this.tooBig = false;
    this.state = BETWEEN;
  }

  private keep(s: string): void {
    if (this.tooBig) return;
    if (this.buf.length + s.length > JSON_RECORD_CAP) { this.tooBig = true; this.buf = ''; } else this.buf += s;
  }

  private fail(detail: string): never {
    throw new AppError('MALFORMED_FILE', 'file', `JSON 第 ${this.count + 1} 条记录附近：${detail}`);
  }

  push(s: string): { index: number; text: string | null }[] {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const c = s[i]!;
      if (this.state === IN_ELEMENT) {
        // Scan to the element's end, copying its text.
        let end = -1; // index after the element's last character
        let j = i;
        for (; j < n; j++) {
          const d = s.charCodeAt(j);
          if (this.inString) {
            if (this.escape) this.escape = false;
            else if (d === 92) this.escape = true;
            else if (d === 34) this.inString = false;
          } else if (d === 34) this.inString = true;
          else if (d === 123 || d === 91) {
            if (++this.depth > MAX_JSON_DEPTH) this.fail(`嵌套超过 ${MAX_JSON_DEPTH} 层`);
          }
          else if (d === 125 || d === 93) {
            if (this.depth === 0) { end = j; break; } // the array's own "]" after a bare value
            if (--this.depth === 0) { end = j + 1; break; }
          } else if (d === 44 && this.depth === 0) { end = j; break; }
        }
        if (end === -1) { this.keep(s.slice(i)); i = n; continue; }
        this.keep(s.slice(i, end));
        i = end;
        this.finishElement();
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') { i++; continue; }
      if (this.state === BEFORE) {
        if (c !== '[') this.fail('文件须为 JSON 对象数组');
        this.state = BETWEEN;
        i++;
        continue;
      }
      if (this.state === AFTER) this.fail('数组结束后还有多余内容');
      // BETWEEN
      if (c === ']') { this.state = AFTER; i++; continue; }
      if (c === ',') { if (this.count === 0 && this.out.length === 0) this.fail('多余的逗号'); i++; continue; }
      this.state = IN_ELEMENT;
      this.depth = 0;
    }
    const res = this.out;
    this.out = [];
    return res;
  }

  end(): { index: number; text: string | null }[] {
    if (this.state === IN_ELEMENT && this.depth === 0 && !this.inString && this.buf) this.finishElement();
    if (this.state !== AFTER) this.fail(this.state === BEFORE ? '文件须为 JSON 对象数组' : 'JSON 数组未结束（缺少“]”或括号不匹配）');
    const res = this.out;
    this.out = [];
    return res;
  }
}

/** Parses one element into an object, or says why it is unusable. */
export function parseElement(text: string | null): Record<string, unknown> | string {
  if (text === null) return `记录超过 ${JSON_RECORD_CAP / 1024} KiB`;
  let value: unknown;
  try {
    value = JSON.parse(protectLongNumbers(text));
  } catch {
    return 'syntax';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '不是 JSON 对象';
  return value as Record<string, unknown>;
}

/** The row of an object under the given keys. */
export function objectRow(index: number, obj: Record<string, unknown>, keys: string[]): SourceRow {
  let tooLong = false;
  const cells = keys.map((k) => {
    const t = cellText(Object.hasOwn(obj, k) ? obj[k] : null);
    if (t.length > CELL_CAP) { tooLong = true; return ''; }
    return t;
  });
  return { row: index, cells, cellCount: keys.length, tooLong };
}

export { MAX_CELLS };
