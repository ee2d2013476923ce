import { Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useI18n } from '../../i18n';

interface SourceValues {
  kind: 'url' | 'postgres' | 'mysql';
  url?: string;
  authorization?: string;
  format?: 'csv' | 'xlsx' | 'json';
  jsonPath?: string;
  connection?: string;
  query?: string;
  mode: 'replace' | 'append' | 'upsert' | 'incremental';
  key?: string;
  cursorField?: string;
  schedule?: string;
}

/** Registers a source for a resource; the password and token go up once and are never filled in again. */
export function SourceForm({ resourceId, onSaved, onCancel }: { resourceId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SourceValues>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'url';
  const mode = Form.useWatch('mode', form) ?? 'replace';

  const save = async (values: SourceValues) => {
    setSaving(true);
    // Empty optional fields are left out: the server refuses what a kind does not use.
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
    try {
      await api.post(`/api/v1/resources/${encodeURIComponent(resourceId)}/sources`, body);
      form.resetFields();
      onSaved();
    } catch (err) {
      const field = (err as { field?: keyof SourceValues }).field;
      if (field && field in form.getFieldsValue(true)) form.setFields([{ name: field, errors: [errorMessage(err)] }]);
      else form.setFields([{ name: 'kind', errors: [errorMessage(err)] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<SourceValues> form={form} layout="vertical" size="small" className="console-source-form" initialValues={{ kind: 'url', mode: 'replace' }} onFinish={save}>
      <Form.Item name="kind" label={t('sources.kind')}>
        <Select options={(['url', 'postgres', 'mysql'] as const).map((k) => ({ value: k, label: t(`sources.kind.${k}`) }))} />
      </Form.Item>
      {kind === 'url' ? (
        <>
          <Form.Item name="url" label={t('sources.url')} rules={[{ required: true, message: t('sources.urlRequired') }]}><Input placeholder="https://" /></Form.Item>
          <Form.Item name="authorization" label={t('sources.authorization')}><Input.Password autoComplete="new-password" visibilityToggle={false} /></Form.Item>
          <Space wrap>
            <Form.Item name="format" label={t('sources.format')}>
              <Select allowClear placeholder={t('sources.formatAuto')} style={{ width: 140 }} options={['csv', 'xlsx', 'json'].map((f) => ({ value: f, label: f.toUpperCase() }))} />
            </Form.Item>
            <Form.Item name="jsonPath" label={t('sources.jsonPath')} tooltip={t('sources.jsonPathHint')}><Input style={{ width: 220 }} /></Form.Item>
          </Space>
        </>
      ) : (
        <>
          <Form.Item name="connection" label={t('sources.connection')} extra={t('sources.connectionHint')} rules={[{ required: true, message: t('sources.connectionRequired') }]}>
            <Input.Password autoComplete="new-password" visibilityToggle={false} placeholder={`${kind}://`} />
          </Form.Item>
          <Form.Item name="query" label={t('sources.query')} rules={[{ required: true, message: t('sources.queryRequired') }]}><Input.TextArea rows={3} spellCheck={false} /></Form.Item>
        </>
      )}
      <Space wrap>
        <Form.Item name="mode" label={t('sources.mode')}>
          <Select style={{ width: 200 }} options={(['replace', 'append', 'upsert', 'incremental'] as const).map((m) => ({ value: m, label: t(`sources.mode.${m}`) }))} />
        </Form.Item>
        {(mode === 'upsert' || mode === 'incremental') && <Form.Item name="key" label={t('sources.key')}><Input style={{ width: 160 }} /></Form.Item>}
        {mode === 'incremental' && <Form.Item name="cursorField" label={t('sources.cursorField')}><Input style={{ width: 180 }} /></Form.Item>}
        <Form.Item name="schedule" label={t('sources.schedule')} tooltip={t('sources.scheduleHint')}><Input style={{ width: 160 }} placeholder="0 2 * * *" /></Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>{t('sources.save')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
