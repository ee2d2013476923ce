import { App, Button, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useI18n } from '../../i18n';
import type { ResourceSummary, SampleSettings } from '../catalog/types';

interface Values {
  mode: 'random' | 'chosen';
  size: number;
  rowIds: string;
}

/** Row numbers as a keeper types them: "3, 5，300 12". */
function parseRows(text: string): number[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter(Boolean).map(Number))].filter((n) => Number.isSafeInteger(n) && n > 0);
}

/**
 * 抽样数据集 of a restricted table: how many rows at random (the same rows for every reader of a
 * data version), or which rows by number in stored order. Sensitive 数据项 are masked either way.
 */
export function SampleSettingsForm({ resource, editable, onSaved }: { resource: ResourceSummary; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);
  const current = resource.sample ?? { size: 100, rowIds: null };
  const summary = current.rowIds
    ? t('sampleSettings.chosenSummary', { rows: current.rowIds.slice(0, 20).join('、') + (current.rowIds.length > 20 ? '…' : ''), n: current.rowIds.length })
    : t('sampleSettings.randomSummary', { n: current.size });

  const save = async (values: Values) => {
    const body: Partial<SampleSettings> = values.mode === 'chosen' ? { rowIds: parseRows(values.rowIds ?? '') } : { size: values.size };
    setBusy(true);
    try {
      await api.put(`/api/v1/resources/${encodeURIComponent(resource.id)}/sample-settings`, body);
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sample-settings">
      <Typography.Text strong>{t('sampleSettings.title')}</Typography.Text>
      <Typography.Text type="secondary">{t('common.colon')}{summary}</Typography.Text>
      {editable && (
        <Form form={form} layout="inline" onFinish={save} className="sample-settings-form"
          initialValues={{ mode: current.rowIds ? 'chosen' : 'random', size: current.size, rowIds: (current.rowIds ?? []).join(', ') }}>
          <Form.Item name="mode">
            <Radio.Group options={[{ value: 'random', label: t('sampleSettings.random') }, { value: 'chosen', label: t('sampleSettings.chosen') }]} />
          </Form.Item>
          {mode === 'chosen' ? (
            <Form.Item name="rowIds" rules={[{ validator: async (_, v: string) => { if (!parseRows(v ?? '').length) throw new Error(t('sampleSettings.rowsRequired')); } }]}
              extra={t('sampleSettings.rowsHint')}>
              <Input placeholder="1, 5, 20" aria-label={t('sampleSettings.chosen')} style={{ width: 260 }} />
            </Form.Item>
          ) : (
            <Form.Item name="size" rules={[{ required: true, message: t('sampleSettings.sizeRequired') }]}>
              <InputNumber min={1} max={1000} precision={0} addonAfter={t('sampleSettings.rows')} aria-label={t('sampleSettings.size')} />
            </Form.Item>
          )}
          <Space><Button htmlType="submit" loading={busy}>{t('common.save')}</Button></Space>
        </Form>
      )}
    </div>
  );
}
