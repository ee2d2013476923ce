import { ApiOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../i18n';
import type { ResourceSummary } from './types';

interface Param {
  name: string;
  text: MessageKey;
  example: string;
}

/** The parameters, with examples made of this resource's own field names. */
function paramsFor(fields: ResourceSummary['fields'], keyword: string): Param[] {
  const text = fields.find((f) => f.type === 'string')?.name ?? 'name';
  const numeric = fields.find((f) => f.type === 'integer' || f.type === 'number' || f.type === 'date')?.name;
  const filters = { [text]: { like: keyword }, ...(numeric ? { [numeric]: { gte: fields.find((f) => f.name === numeric)?.type === 'date' ? '2024-01-01' : 10 } } : {}) };
  return [
    { name: 'filters', text: 'api.param.filters', example: JSON.stringify(filters) },
    { name: 'q', text: 'api.param.q', example: keyword },
    { name: 'sort', text: 'api.param.sort', example: numeric ? `${numeric} desc,${text}` : `${text} desc` },
    { name: 'fields', text: 'api.param.fields', example: fields.slice(0, 3).map((f) => f.name).join(',') || text },
    { name: 'limit', text: 'api.param.limit', example: '100' },
    { name: 'offset', text: 'api.param.offset', example: '200' },
    { name: 'cursor', text: 'api.param.cursor', example: 'eyJzIjoi…' },
  ];
}

/** API 接口: how to read the rows with an API key, with a ready-to-run example. */
export function ApiPanel({ resource }: { resource: ResourceSummary }) {
  const { t } = useI18n();
  const endpoint = `${window.location.origin}/api/v1/resources/${resource.id}/records`;
  const params = paramsFor(resource.fields, t('api.keyword'));
  const curl = `curl -H "Authorization: Bearer <Key>:<Secret>" \\\n  "${endpoint}?limit=100&offset=0"`;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 140 } }} items={[
        { key: 'endpoint', label: t('api.endpoint'), children: <Typography.Text code copyable>{`GET ${endpoint}`}</Typography.Text> },
        { key: 'auth', label: t('api.auth'), children: <>{t('api.authText')} <Typography.Text code>Authorization: Bearer &lt;Key&gt;:&lt;Secret&gt;</Typography.Text></> },
        { key: 'response', label: t('api.response'), children: t('api.responseText') },
        {
          key: 'ckan', label: t('api.ckan'),
          children: <>{t('api.ckanText')} <Typography.Text code copyable>{`GET ${window.location.origin}/api/3/action/datastore_search?resource_id=${resource.id}`}</Typography.Text></>,
        },
      ]} />
      <div>
        <div className="api-example-title">{t('api.example')}</div>
        <Typography.Paragraph copyable={{ text: curl }} className="api-example"><pre>{curl}</pre></Typography.Paragraph>
      </div>
      <Table size="small" rowKey="name" pagination={false} dataSource={params} bordered scroll={{ x: 640 }}
        columns={[
          { title: t('api.paramName'), dataIndex: 'name', width: 110, render: (n: string) => <Typography.Text code className="nowrap">{n}</Typography.Text> },
          { title: t('api.paramText'), dataIndex: 'text', render: (k: MessageKey) => t(k) },
          { title: t('api.paramExample'), dataIndex: 'example', render: (e: string) => <span className="mono">{e}</span> },
        ]} />
      <Space wrap>
        <Link to="/user/api-keys"><Button type="primary" icon={<KeyOutlined />}>{t('api.myKeys')}</Button></Link>
        <a href="/api/docs" target="_blank" rel="noopener noreferrer"><Button icon={<ApiOutlined />}>{t('nav.apiDocs')}</Button></a>
      </Space>
    </Space>
  );
}
