import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ApiKey, CreatedApiKey } from '../../types';
import { useRequest } from '../../useRequest';
import { ApiKeyCreatedModal } from './ApiKeyCreatedModal';

/** API 密钥: create (the secret is shown once), list, revoke. */
export default function ApiKeysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name?: string }>();
  const { data, error, loading, reload } = useRequest(() => api.get<{ items: ApiKey[] }>('/api/v1/me/api-keys'), []);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [creating, setCreating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const create = async ({ name }: { name?: string }) => {
    setFormError(null);
    setCreating(true);
    try {
      setCreated(await api.post<CreatedApiKey>('/api/v1/me/api-keys', { name: name?.trim() ?? '' }));
      form.resetFields();
      reload();
    } catch (err) {
      setFormError(showServerError(form, err, ['name']));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    try {
      await api.delete(`/api/v1/me/api-keys/${encodeURIComponent(key.id)}`);
      message.success(t('apiKeys.revoked'));
      reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <Space orientation="vertical" size={20} className="full-width">
      <Card title={t('apiKeys.create')}>
        <Typography.Paragraph type="secondary">{t('apiKeys.intro')}</Typography.Paragraph>
        {formError && <Alert className="form-alert" type="error" showIcon title={formError} />}
        <Form form={form} name="apiKey" layout="inline" onFinish={create}>
          <Form.Item name="name" label={t('apiKeys.name')} style={{ maxWidth: '100%' }}>
            <Input placeholder={t('apiKeys.namePlaceholder')} maxLength={50} style={{ width: 260, maxWidth: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={creating}>{t('apiKeys.createButton')}</Button>
        </Form>
      </Card>
      <Card title={t('apiKeys.list')}>
        {error && <Alert className="form-alert" type="error" showIcon title={error.message} />}
        <Table<ApiKey>
          rowKey="id"
          loading={loading}
          dataSource={data?.items}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'name' },
            { title: t('apiKeys.key'), dataIndex: 'key', render: (key: string) => <Typography.Text code copyable>{key}</Typography.Text> },
            { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
            { title: t('apiKeys.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : t('apiKeys.neverUsed')) },
            {
              title: t('common.status'), dataIndex: 'revokedAt',
              render: (v: string | null) => (v ? <Tag>{t('apiKeys.revokedAt', { at: formatDateTime(v) })}</Tag> : <Tag color="success">{t('apiKeys.active')}</Tag>),
            },
            {
              title: t('common.actions'), key: 'actions',
              render: (_, key) => key.revokedAt ? null : (
                <Popconfirm title={t('apiKeys.revokeConfirm', { name: key.name })} description={t('apiKeys.revokeWarning')}
                  okText={t('apiKeys.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke(key)}>
                  <Button danger size="small">{t('apiKeys.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <ApiKeyCreatedModal created={created} onClose={() => setCreated(null)} />
    </Space>
  );
}
