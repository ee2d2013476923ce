import { Button, Input, Result, Table, Typography, type TableColumnType, type TableProps } from 'antd';
import { useState } from 'react';
import { api, ApiError, query } from '../../api';
import { formatCount } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import { useRequest } from '../../useRequest';
import { AccessPrompt, stepOfError } from './AccessPrompt';
import { apiCondition, ColumnFilter, conditionOf } from './ColumnFilter';
import { useDataAccess } from './dataAccess';
import type { DataItem, RecordPage, RecordValue, ResourceSummary } from './types';

type Row = Record<string, RecordValue> & { __key: number };

/** A stored value as a table cell shows it: 是/否 for booleans, nothing for null. */
export function cellText(t: Translate, value: RecordValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  return String(value);
}


/** The public preview: the first rows as stored, with no filter, search or sort. */
const PREVIEW_ROWS = 20;

/**
 * 数据预览: the resource's rows in a paged, sortable, filterable table, straight from the
 * records API. The first page of unconditional data is public; further pages, filters, search
 * and sorting need what the API asks for, and the table then shows the way to it.
 */
export function PreviewTable({ resource, items }: { resource: ResourceSummary; items: DataItem[] }) {
  const { t } = useI18n();
  const { generation } = useDataAccess();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PREVIEW_ROWS);
  const [sort, setSort] = useState<string>();
  const [filters, setFilters] = useState<Record<string, unknown>>({});
  const [q, setQ] = useState('');
  const [searchText, setSearchText] = useState('');

  const filterText = Object.keys(filters).length ? JSON.stringify(filters) : undefined;
  const { data, error, loading } = useRequest(
    () => api.get<RecordPage>(`/api/v1/resources/${encodeURIComponent(resource.id)}/records${query({
      limit: pageSize, offset: (page - 1) * pageSize, sort, filters: filterText, q,
    })}`),
    [resource.id, page, pageSize, sort, filterText, q, generation],
  );
  const step = error instanceof ApiError ? stepOfError(error.code) : null;
  const beyondPreview = page > 1 || pageSize > PREVIEW_ROWS || Boolean(sort || filterText || q);
  const backToPreview = () => {
    setPage(1); setPageSize(PREVIEW_ROWS); setSort(undefined); setFilters({}); setQ(''); setSearchText('');
  };

  const declared = new Map(items.map((i) => [i.name, i]));
  const fields = data?.fields ?? resource.fields;
  const columns: TableColumnType<Row>[] = fields.map((f) => {
    const item = declared.get(f.name);
    const title = item?.title || f.name;
    const numeric = f.type === 'integer' || f.type === 'number';
    return {
      key: f.name,
      dataIndex: f.name,
      title: <span className="preview-head" title={f.name}>{title}{item?.unit ? <small> ({item.unit})</small> : null}</span>,
      align: numeric ? 'right' : undefined,
      sorter: true,
      sortOrder: sort === f.name ? 'ascend' : sort === `${f.name} desc` ? 'descend' : null,
      filterDropdown: (props) => <ColumnFilter type={f.type} title={title} props={props} />,
      filteredValue: filters[f.name] !== undefined ? [JSON.stringify(filters[f.name])] : null,
      ellipsis: true,
      width: f.type === 'string' ? 180 : 130,
      render: (v: RecordValue) => cellText(t, v),
    };
  });

  const onChange: TableProps<Row>['onChange'] = (pagination, tableFilters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const nextSort = s?.order && s.columnKey ? `${String(s.columnKey)}${s.order === 'descend' ? ' desc' : ''}` : undefined;
    const nextFilters: Record<string, unknown> = {};
    for (const [name, keys] of Object.entries(tableFilters)) {
      const c = keys ? conditionOf(keys.filter((k): k is string => typeof k === 'string')) : undefined;
      const type = fields.find((f) => f.name === name)?.type ?? 'string';
      if (c !== undefined) nextFilters[name] = apiCondition(type, c);
    }
    const changed = nextSort !== sort || JSON.stringify(nextFilters) !== JSON.stringify(filters);
    setSort(nextSort);
    setFilters(nextFilters);
    setPage(changed ? 1 : pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? PREVIEW_ROWS);
  };

  const rows: Row[] = (data?.records ?? []).map((r, i) => ({ ...r, __key: (page - 1) * pageSize + i }));
  return (
    <div className="preview">
      <div className="preview-toolbar">
        <Input.Search allowClear placeholder={t('preview.search')} aria-label={t('preview.search')} style={{ maxWidth: 320 }}
          value={searchText} onChange={(e) => setSearchText(e.target.value)}
          onSearch={(value) => { setQ(value.trim()); setPage(1); }} />
        <Typography.Text type="secondary">
          {data ? t(data.totalEstimated ? 'preview.totalEstimated' : 'preview.total', { n: formatCount(data.total) }) : null}
        </Typography.Text>
      </div>
      {error && step ? (
        <div className="preview-blocked">
          <AccessPrompt step={step} />
          {beyondPreview && <Button type="link" onClick={backToPreview}>{t('preview.backToPreview')}</Button>}
        </div>
      ) : error ? (
        <Result status="warning" title={error.message} />
      ) : (
        <Table<Row>
          rowKey="__key"
          size="small"
          bordered
          loading={loading}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onChange={onChange}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { n: formatCount(n) }) }}
          locale={{ emptyText: t('preview.empty') }}
        />
      )}
    </div>
  );
}
