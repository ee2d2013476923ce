import { Button, Input, Select, Space, type TableColumnType } from 'antd';
import type { Key } from 'react';
import { useI18n } from '../../i18n';
import type { FieldType } from './types';

/**
 * The filter of one preview column, in the records API's terms: text fields match a part
 * ({ like }), numbers and dates a range ({ gte, lte }), booleans a value. What is chosen is kept
 * as antd's selectedKeys: one JSON text.
 */
type FilterDropdownProps = Parameters<Extract<TableColumnType<object>['filterDropdown'], (...args: never[]) => unknown>>[0];

export type ColumnCondition = { like: string } | { gte?: string; lte?: string } | boolean;

export function conditionOf(keys: Key[]): ColumnCondition | undefined {
  const text = keys[0];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as ColumnCondition;
  } catch {
    return undefined;
  }
}

/** A range whose start lies after its end: it would match nothing, so it is refused. */
function inverted(type: FieldType, c: ColumnCondition | undefined): boolean {
  if (!c || typeof c === 'boolean' || 'like' in c || !c.gte || !c.lte) return false;
  // Dates are YYYY-MM-DD, so their text sorts as they do.
  return type === 'integer' || type === 'number' ? Number(c.gte) > Number(c.lte) : c.gte > c.lte;
}

/** A condition as the records API reads it: numbers as numbers. */
export function apiCondition(type: FieldType, c: ColumnCondition): unknown {
  if (typeof c === 'boolean' || 'like' in c) return c;
  const numeric = type === 'integer' || type === 'number';
  const out: Record<string, string | number> = {};
  for (const [op, v] of Object.entries(c)) if (v !== undefined && v !== '') out[op] = numeric ? Number(v) : v;
  return out;
}

export function ColumnFilter({ type, title, props }: { type: FieldType; title: string; props: FilterDropdownProps }) {
  const { t } = useI18n();
  const { selectedKeys, setSelectedKeys, confirm, clearFilters } = props;
  const current = conditionOf(selectedKeys);
  const set = (c: ColumnCondition | undefined) => setSelectedKeys(c === undefined ? [] : [JSON.stringify(c)]);
  const reset = () => { clearFilters?.(); confirm(); };
  const invalid = inverted(type, current);
  const apply = () => { if (!invalid) confirm(); };

  let body;
  if (type === 'boolean') {
    body = (
      <Select style={{ width: 200 }} allowClear aria-label={t('preview.filterOn', { field: title })} placeholder={t('preview.any')}
        value={typeof current === 'boolean' ? String(current) : undefined} onChange={(v?: string) => set(v === undefined ? undefined : v === 'true')}
        options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
    );
  } else if (type === 'string') {
    const like = current && typeof current === 'object' && 'like' in current ? current.like : '';
    body = (
      <Input style={{ width: 220 }} autoFocus placeholder={t('preview.contains')} aria-label={t('preview.filterOn', { field: title })} value={like}
        onChange={(e) => set(e.target.value ? { like: e.target.value } : undefined)} onPressEnter={() => confirm()} />
    );
  } else {
    const range = current && typeof current === 'object' && !('like' in current) ? current : {};
    const input = type === 'date' || type === 'datetime' ? 'date' : 'number';
    const change = (op: 'gte' | 'lte', v: string) => {
      const next = { ...range, [op]: v || undefined };
      set(next.gte || next.lte ? next : undefined);
    };
    body = (
      <Space.Compact>
        <Input style={{ width: 130 }} type={input} placeholder={t('preview.from')} aria-label={`${title} ${t('preview.from')}`} status={invalid ? 'error' : undefined}
          value={range.gte ?? ''} onChange={(e) => change('gte', e.target.value)} onPressEnter={apply} />
        <Input style={{ width: 130 }} type={input} placeholder={t('preview.to')} aria-label={`${title} ${t('preview.to')}`} status={invalid ? 'error' : undefined}
          value={range.lte ?? ''} onChange={(e) => change('lte', e.target.value)} onPressEnter={apply} />
      </Space.Compact>
    );
  }

  return (
    <div className="column-filter" onKeyDown={(e) => e.stopPropagation()}>
      {body}
      {invalid && <div className="column-filter-error" role="alert">{t('preview.rangeInverted')}</div>}
      <div className="column-filter-actions">
        <Button size="small" onClick={reset}>{t('preview.reset')}</Button>
        <Button size="small" type="primary" disabled={invalid} onClick={apply}>{t('preview.apply')}</Button>
      </div>
    </div>
  );
}
