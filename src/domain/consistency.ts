/**
 * 一致性审核 (rule 一.7): does the data that arrived match what the catalog promises?
 * Pure: compares the declared 数据项 with what an ingest found.
 */
import type { DataItem, FieldType } from './catalog.js';

export type ConsistencyIssue =
  | { kind: 'missing_field'; field: string }
  | { kind: 'extra_field'; field: string }
  | { kind: 'type_mismatch'; field: string; declared: FieldType; found: FieldType }
  | { kind: 'empty_field'; field: string }
  | { kind: 'rejected_rows'; count: number }
  | { kind: 'no_rows' }
  | { kind: 'format_not_declared'; format: string };

export interface ConsistencyReport {
  consistent: boolean;
  rowCount: number;
  rejectedCount: number;
  format: string;
  issues: ConsistencyIssue[];
}

export interface IngestFacts {
  sourceColumns: string[];
  fields: { name: string; type: FieldType }[];
  /** Non-null values per field. */
  filled: Record<string, number>;
  rowCount: number;
  rejectedCount: number;
  format: string;
}

const ISSUE_TEXT: Record<ConsistencyIssue['kind'], string> = {
  missing_field: '数据中缺少目录声明的数据项',
  extra_field: '数据中含有目录未声明的数据项',
  type_mismatch: '数据类型与目录声明不一致',
  empty_field: '目录声明的数据项在数据中全部为空',
  rejected_rows: '有数据行不符合数据项定义被拒绝',
  no_rows: '数据没有任何记录',
  format_not_declared: '数据格式未在目录中声明',
};

export function describeIssue(issue: ConsistencyIssue): string {
  return ISSUE_TEXT[issue.kind];
}

export function checkConsistency(declared: DataItem[], declaredFormat: string, facts: IngestFacts): ConsistencyReport {
  const issues: ConsistencyIssue[] = [];
  const found = new Map(facts.fields.map((f) => [f.name, f.type]));
  const source = new Set(facts.sourceColumns);
  for (const item of declared) {
    if (!source.has(item.name)) { issues.push({ kind: 'missing_field', field: item.name }); continue; }
    const type = found.get(item.name);
    if (type && type !== item.type) issues.push({ kind: 'type_mismatch', field: item.name, declared: item.type, found: type });
    if (facts.rowCount > 0 && (facts.filled[item.name] ?? 0) === 0) issues.push({ kind: 'empty_field', field: item.name });
  }
  const declaredNames = new Set(declared.map((d) => d.name));
  for (const column of facts.sourceColumns) if (!declaredNames.has(column)) issues.push({ kind: 'extra_field', field: column });
  if (facts.rejectedCount > 0) issues.push({ kind: 'rejected_rows', count: facts.rejectedCount });
  if (facts.rowCount === 0) issues.push({ kind: 'no_rows' });
  if (declaredFormat && !declaredFormat.toUpperCase().includes(facts.format.toUpperCase())) {
    issues.push({ kind: 'format_not_declared', format: facts.format });
  }
  return { consistent: issues.length === 0, rowCount: facts.rowCount, rejectedCount: facts.rejectedCount, format: facts.format, issues };
}
