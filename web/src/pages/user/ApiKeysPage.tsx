import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { showServerError } from '../../forms';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from '../../types';
import { useRequest } from '../../useRequest';
import { ApiKeyCreatedModal } from './ApiKeyCreatedModal';

interface KeyForm {
  name?: string;
  scope?: ApiKeyScope;
  endsWithPassword?: boolean;
}

/**
 * API 密钥: create (the secret is shown once), list, revoke. A key reads data; those who keep
 * catalog entries may give one the upload scope, and anyone may bind a key to their password.
 */
export default function ApiKeysPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<KeyForm>();
  const { data, error, loading, reload } = useRequest(() => api.get<{ items: ApiKey[] }>('/api/v1/me/api-keys'), []);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [creating, setCreating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const create = async ({ name, scope, endsWithPassword }: KeyForm) => {
    setFormError(null);
    setCreating(true);
    try {
      const body = { name: name?.trim() ?? '', scope: scope ?? 'read', endsWithPassword: endsWithPassword ?? false };
      setCreated(await api.post<CreatedApiKey>('/api/v1/me/api-keys', body));
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
          {can('me.apiKey.upload') && (
            <Form.Item name="scope" label={t('apiKeys.scope')} initialValue="read">
              <Select style={{ width: 200 }} options={[
                { value: 'read', label: t('apiKeys.scope.read') },
                { value: 'upload', label: t('apiKeys.scope.upload') },
              ]} />
            </Form.Item>
          )}
          <Form.Item name="endsWithPassword" valuePropName="checked">
            <Checkbox>{t('apiKeys.endsWithPassword')}</Checkbox>
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
          scroll={{ x: 900 }}
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'name' },
            { title: t('apiKeys.key'), dataIndex: 'key', render: (key: string) => <Typography.Text code copyable>{key}</Typography.Text> },
            {
              title: t('apiKeys.scope'), dataIndex: 'scope',
              render: (scope: ApiKeyScope, key) => (
                <Space size={4} wrap>
                  <Tag color={scope === 'upload' ? 'orange' : 'blue'}>{t(`apiKeys.scope.${scope}`)}</Tag>
                  {key.endsWithPassword && <Tag>{t('apiKeys.boundToPassword')}</Tag>}
                </Space>
              ),
            },
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
