import { describe, expect, it } from 'vitest';
import type { DataItem } from './catalog.js';
import { checkConsistency } from './consistency.js';

const item = (name: string, type: DataItem['type']): DataItem => ({ name, title: name, type, description: '', unit: '', filterable: false, sensitive: false, requestable: true });

describe('consistency review', () => {
  const declared = [item('站点名称', 'string'), item('经度', 'number'), item('开通日期', 'date')];

  it('finds a clean match consistent', () => {
    const report = checkConsistency(declared, 'CSV', {
      sourceColumns: ['站点名称', '经度', '开通日期'],
      fields: [{ name: '站点名称', type: 'string' }, { name: '经度', type: 'number' }, { name: '开通日期', type: 'date' }],
      filled: { 站点名称: 10, 经度: 10, 开通日期: 9 }, rowCount: 10, rejectedCount: 0, format: 'csv',
    });
    expect(report).toEqual({ consistent: true, rowCount: 10, rejectedCount: 0, format: 'csv', issues: [] });
  });

  it('names missing, extra, mistyped and empty fields, rejects and an undeclared format', () => {
    const report = checkConsistency(declared, 'XLSX', {
      sourceColumns: ['站点名称', '经度', '备注'],
      fields: [{ name: '站点名称', type: 'string' }, { name: '经度', type: 'string' }, { name: '备注', type: 'string' }],
      filled: { 站点名称: 0, 经度: 5 }, rowCount: 5, rejectedCount: 2, format: 'csv',
    });
    expect(report.consistent).toBe(false);
    expect(report.issues).toEqual([
      { kind: 'empty_field', field: '站点名称' },
      { kind: 'type_mismatch', field: '经度', declared: 'number', found: 'string' },
      { kind: 'missing_field', field: '开通日期' },
      { kind: 'extra_field', field: '备注' },
      { kind: 'rejected_rows', count: 2 },
      { kind: 'format_not_declared', format: 'csv' },
    ]);
  });

  it('flags a version without rows', () => {
    const report = checkConsistency([], '', { sourceColumns: [], fields: [], filled: {}, rowCount: 0, rejectedCount: 0, format: 'json' });
    expect(report.issues).toEqual([{ kind: 'no_rows' }]);
  });
});
