import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { Licence } from '../catalog/types';

interface LicenceForm {
  title: string;
  text: string;
}

/** 授权协议管理: the licence in force, and a new version (everyone accepts it again before taking data). */
export function LicenceAdminPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LicenceForm>();
  const { data, error, loading, reload } = useRequest(() => api.get<Licence>('/api/v1/licence'), []);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue({ title: data.title, text: data.text });
  }, [data, form]);

  const publish = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setFormError(null);
    setBusy(true);
    try {
      const { version } = await api.put<{ version: number }>('/api/v1/licence', { title: values.title.trim(), text: values.text.trim() });
      message.success(t('licenceAdmin.published', { version }));
      reload();
    } catch (err) {
      setFormError(showServerError(form, err, ['title', 'text']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card title={t('licenceAdmin.current')}>
        {error && <Alert type="error" showIcon title={error.message} />}
        {loading && !data ? <Skeleton active /> : data && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'title', label: t('licenceAdmin.title'), children: data.title },
              { key: 'version', label: t('licenceAdmin.version'), children: `v${data.version}` },
              { key: 'at', label: t('licenceAdmin.publishedAt'), children: formatDateTime(data.createdAt) },
            ]} />
            <div className="licence-text licence-text-admin" tabIndex={0}>{data.text}</div>
          </>
        )}
      </Card>
      <Card title={t('licenceAdmin.newVersion')}>
        <Alert className="form-alert" type="warning" showIcon title={t('licenceAdmin.warning')} />
        {formError && <Alert className="form-alert" type="error" showIcon title={formError} />}
        <Form form={form} name="licence" layout="vertical">
          <Form.Item name="title" label={t('licenceAdmin.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('licenceAdmin.title') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="text" label={t('licenceAdmin.text')} rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('licenceAdmin.text') }) },
            { min: 10, message: t('licenceAdmin.tooShort') },
          ]}>
            <Input.TextArea rows={16} maxLength={20000} showCount />
          </Form.Item>
          <Popconfirm title={t('licenceAdmin.confirm')} okText={t('licenceAdmin.publish')} cancelText={t('common.cancel')} onConfirm={publish}>
            <Button type="primary" loading={busy}>{t('licenceAdmin.publish')}</Button>
          </Popconfirm>
        </Form>
      </Card>
    </Space>
  );
}
