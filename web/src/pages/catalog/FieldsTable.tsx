import { CheckOutlined } from '@ant-design/icons';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FIELD_TYPE } from './labels';
import type { DataItem } from './types';

/** 数据项: the declared fields; keepers also see which are sensitive, and restricted entries which may be requested. */
export function FieldsTable({ items, showSensitive = false, showRequestable = false }: { items: DataItem[]; showSensitive?: boolean; showRequestable?: boolean }) {
  const { t } = useI18n();
  const tick = (v: boolean) => (v ? <CheckOutlined className="tick" aria-label={t('common.yes')} /> : null);
  return (
    <Table<DataItem & { index: number }>
      rowKey="name"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={items.map((item, index) => ({ ...item, index: index + 1 }))}
      locale={{ emptyText: t('fields.none') }}
      columns={[
        { title: t('fields.index'), dataIndex: 'index', width: 64, align: 'center' },
        { title: t('fields.name'), dataIndex: 'name', render: (n: string) => <Typography.Text className="mono">{n}</Typography.Text> },
        { title: t('fields.title'), dataIndex: 'title' },
        { title: t('fields.type'), dataIndex: 'type', width: 110, render: (type: DataItem['type']) => <Tag>{FIELD_TYPE[type] ? t(FIELD_TYPE[type]) : type}</Tag> },
        { title: t('fields.unit'), dataIndex: 'unit', width: 90, render: (u: string) => u || '—' },
        { title: t('fields.description'), dataIndex: 'description', render: (d: string) => d || '—' },
        { title: t('fields.filterable'), dataIndex: 'filterable', width: 90, align: 'center', render: tick },
        ...(showSensitive ? [{ title: t('fields.sensitive'), dataIndex: 'sensitive', width: 90, align: 'center' as const, render: tick }] : []),
        ...(showRequestable ? [{ title: t('fields.requestable'), dataIndex: 'requestable', width: 90, align: 'center' as const, render: tick }] : []),
      ]}
    />
  );
}
