import { describe, expect, it } from 'vitest';
import { parseDate, parseDatetime, toDbValue, TypeInference } from './values.js';
import { CsvParser } from './csv-parser.js';
import { JsonArraySplitter, parseElement } from './json-reader.js';
import { FieldProfiler } from './profile.js';

function infer(name: string, values: string[]) {
  const t = new TypeInference(name);
  for (const v of values) t.add(v);
  return t.type();
}

describe('field types', () => {
  it('parses and normalises each declared type', () => {
    expect(toDbValue('integer', ' 42 ')).toBe(42);
    expect(toDbValue('integer', '1,234')).toBe(1234);
    expect(toDbValue('integer', '9007199254740993')).toBeUndefined();
    expect(toDbValue('number', '-3.25')).toBe(-3.25);
    expect(toDbValue('number', 'abc')).toBeUndefined();
    expect(parseDate('2024/3/5')).toBe('2024-03-05');
    expect(parseDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseDate('2024-13-01')).toBeUndefined();
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDatetime('2024-03-05 08:30')).toBe('2024-03-05T08:30:00');
    expect(parseDatetime('2024-03-05T08:30:00+08:00')).toBe('2024-03-05T00:30:00Z');
    expect(parseDatetime('2024-03-05 25:00:00')).toBeUndefined();
    expect(toDbValue('boolean', '是')).toBe(1);
    expect(toDbValue('boolean', 'FALSE')).toBe(0);
    expect(toDbValue('boolean', 'maybe')).toBeUndefined();
    expect(toDbValue('string', '   ')).toBeNull();
    expect(toDbValue('date', '')).toBeNull();
  });

  it('infers the narrowest type that fits every value', () => {
    expect(infer('a', ['1', '2', '-3'])).toBe('integer');
    expect(infer('a', ['1', '2.5'])).toBe('number');
    expect(infer('a', ['1', 'N/A'])).toBe('string');
    expect(infer('a', ['00123', '123'])).toBe('string');
    expect(infer('a', ['2024-01-01', '2024/2/3'])).toBe('date');
    expect(infer('a', ['2024-01-01', '2024-01-01 08:00:00'])).toBe('datetime');
    expect(infer('a', ['是', '否', ''])).toBe('boolean');
    expect(infer('a', ['1', '0'])).toBe('integer');
    expect(infer('a', ['', ''])).toBe('string');
    expect(infer('身份证号', ['330106198506153212'])).toBe('string'); // beyond 2^53
    expect(infer('金额', ['12345678901234567.5'])).toBe('string'); // more digits than a double holds
    expect(infer('联系电话', ['13812345678', '057188888888'])).toBe('string');
    expect(infer('x', ['13812345678', '13912345678'])).toBe('string'); // same-length 11+ digit codes
    expect(infer('邮编', ['310000', '310012'])).toBe('string');
    expect(infer('人口', ['310000', '31012'])).toBe('integer');
  });
});

describe('CSV parser', () => {
  const parse = (chunks: string[], delimiter = ',') => {
    const p = new CsvParser(delimiter);
    return [...chunks.flatMap((c) => p.push(c)), ...p.end()].map((r) => ({ row: r.row, cells: r.cells, n: r.cellCount }));
  };

  it('handles quotes, escaped quotes, CRLF, newlines in cells and chunk boundaries', () => {
    const text = 'a,b\r\n"x,1","say ""hi"""\r\n"line1\nline2",z\r\n\r\nlast,';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual([
        { row: 1, cells: ['a', 'b'], n: 2 },
        { row: 2, cells: ['x,1', 'say "hi"'], n: 2 },
        { row: 3, cells: ['line1\nline2', 'z'], n: 2 },
        { row: 5, cells: ['last', ''], n: 2 },
      ]);
    }
  });

  it('reports an unterminated quote and junk after a closing quote', () => {
    expect(() => parse(['a,b\n1,"open\n2,3\n'])).toThrow(/第 2 行起的引号未闭合/);
    expect(() => parse(['a,b\n"x"y,1\n'])).toThrow(/MALFORMED_FILE/);
  });
});

describe('JSON splitter', () => {
  it('splits top-level elements across chunks and keeps long integers exact', () => {
    const text = '[{"a":1,"b":"x,]}"},{"a":330106198506153212,"b":{"n":[1,2]}} , 5]';
    for (let cut = 1; cut < text.length; cut++) {
      const s = new JsonArraySplitter();
      const parts = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut)), ...s.end()];
      expect(parts.map((p) => p.text?.trim())).toEqual(['{"a":1,"b":"x,]}"}', '{"a":330106198506153212,"b":{"n":[1,2]}}', '5']);
    }
    expect(parseElement('{"a":330106198506153212}')).toEqual({ a: '330106198506153212' });
    expect(parseElement('5')).toBe('不是 JSON 对象');
    expect(() => { const s = new JsonArraySplitter(); s.push('[{"a":1}'); s.end(); }).toThrow(/MALFORMED_FILE/);
  });
});

describe('profile', () => {
  it('counts exactly up to the bound, then estimates', () => {
    const p = new FieldProfiler('n', 'integer');
    for (let i = 0; i < 50_000; i++) p.add(i % 7 === 0 ? null : i);
    p.add(5); p.add(5);
    const r = p.result();
    expect(r.nullCount).toBe(7143);
    expect(r.distinctEstimated).toBe(true);
    expect(Math.abs(r.distinctCount - 42_857) / 42_857).toBeLessThan(0.05);
    expect(r.min).toBe(1);
    expect(r.max).toBe(49_999);
    expect(r.histogram).toHaveLength(10);
    expect(r.histogram!.reduce((s, b) => s + b.count, 0)).toBe(42_859);

    const d = new FieldProfiler('d', 'date');
    for (const v of ['2024-01-01', '2024-01-01', '2024-12-31', null]) d.add(v);
    const dr = d.result();
    expect(dr).toMatchObject({ distinctCount: 2, distinctEstimated: false, min: '2024-01-01', max: '2024-12-31', nullCount: 1 });
    expect(dr.topValues[0]).toEqual({ value: '2024-01-01', count: 2 });
    expect(dr.histogram![0]).toMatchObject({ from: '2024-01-01', count: 2 });
    expect(dr.histogram![9]).toMatchObject({ to: '2024-12-31', count: 1 });
  });
});
