import { Alert, App, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { cityFirst, useDepartments } from '../../departments';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';

interface SourceForm {
  name: string;
  kind: 'ckan' | 'dcat';
  url: string;
  departmentId: string;
  schedule?: string;
}

const FIELDS = ['name', 'kind', 'url', 'departmentId', 'schedule'] as const;

/** Registers a harvest source; the server checks the host against its allowlist and the schedule. */
export function HarvestSourceDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const departments = useDepartments();
  const [form] = Form.useForm<SourceForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  const save = async (values: SourceForm) => {
    setError(null);
    setSaving(true);
    try {
      await api.post('/api/v1/harvest/sources', { ...values, schedule: values.schedule?.trim() || undefined });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      setError(showServerError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  return (
    <Drawer open={open} onClose={onClose} size={560} forceRender title={t('harvest.register')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={saving} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form form={form} name="harvest-source" layout="vertical" onFinish={save} initialValues={{ kind: 'ckan' }}>
        <Form.Item name="name" label={t('harvest.name')} rules={required(t('harvest.name'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('harvest.kind')}>
          <Radio.Group options={[{ value: 'ckan', label: t('harvest.kind.ckan') }, { value: 'dcat', label: t('harvest.kind.dcat') }]} />
        </Form.Item>
        <Form.Item name="url" label={t('harvest.url')} extra={t('harvest.urlHelp')} rules={required(t('harvest.url'))}>
          <Input maxLength={2000} placeholder="https://data.example.gov.cn" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('harvest.department')} rules={required(t('harvest.department'))}>
          <Select showSearch optionFilterProp="label" loading={departments.loading}
            options={cityFirst(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="schedule" label={t('harvest.schedule')} extra={t('harvest.scheduleHelp')}><Input maxLength={100} placeholder="30 2 * * *" /></Form.Item>
      </Form>
    </Drawer>
  );
}
