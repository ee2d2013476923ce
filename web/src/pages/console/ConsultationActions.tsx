import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { AttachmentsField } from '../../components/AttachmentsField';
import { useDepartments } from '../../departments';
import { useI18n } from '../../i18n';

export type Action = 'dispatch' | 'reply' | 'return';

/** The forms for the transitions the server says the member of staff may take now, and no others. */
export function ConsultationActions({ id, abilities, onDone }: { id: string; abilities: string[]; onDone: (action: Action) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const departments = useDepartments();
  const [busy, setBusy] = useState<Action | null>(null);
  const providers = (departments.data ?? []).filter((d) => d.kind === 'provider');

  const act = async (action: Action, body: Record<string, unknown>) => {
    setBusy(action);
    try {
      await api.post(`/api/v1/consultations/${encodeURIComponent(id)}/${action}`, body);
      message.success(t('consult.done'));
      onDone(action);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size="large" className="full-width">
      {abilities.includes('reply') && (
        <Form name="reply" layout="vertical" onFinish={(v: { content: string; attachmentIds?: string[] }) => act('reply', { content: v.content, ...withFiles(v.attachmentIds) })}>
          <Form.Item name="content" label={t('consult.reply')} rules={[{ required: true, whitespace: true, message: t('consult.replyRequired') }]}>
            <Input.TextArea rows={5} maxLength={5000} />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('attachments.label')}>
            <AttachmentsField />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'reply'}>{t('consult.action.reply')}</Button>
        </Form>
      )}
      {abilities.includes('dispatch') && (
        <Form name="dispatch" layout="vertical" onFinish={(v: { departmentId: string; comment?: string; attachmentIds?: string[] }) => act('dispatch', { departmentId: v.departmentId, ...(v.comment ? { comment: v.comment } : {}), ...withFiles(v.attachmentIds) })}>
          <Form.Item name="departmentId" label={t('consult.department')} rules={[{ required: true, message: t('consult.departmentRequired') }]}>
            <Select showSearch optionFilterProp="label" loading={departments.loading} options={providers.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="comment" label={t('consult.comment')}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('attachments.label')}>
            <AttachmentsField />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'dispatch'}>{t('consult.action.dispatch')}</Button>
        </Form>
      )}
      {abilities.includes('return') && (
        <Form name="return" layout="vertical" onFinish={(v: { reason: string }) => act('return', { reason: v.reason })}>
          <Form.Item name="reason" label={t('consult.reason')} rules={[{ required: true, whitespace: true, message: t('consult.reasonRequired') }]}>
            <Input maxLength={1000} />
          </Form.Item>
          <Button danger htmlType="submit" loading={busy === 'return'}>{t('consult.action.return')}</Button>
        </Form>
      )}
    </Space>
  );
}

/** Files go with the step only when some were chosen. */
function withFiles(ids: string[] | undefined): { attachmentIds?: string[] } {
  return ids?.length ? { attachmentIds: ids } : {};
}
