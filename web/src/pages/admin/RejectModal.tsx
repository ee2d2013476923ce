import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { VerificationRequest } from '../../types';

/** 驳回 needs a reason the applicant will read. */
export function RejectModal({ request, onCancel, onReject }: {
  request: VerificationRequest | null;
  onCancel: () => void;
  onReject: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { reason } = values;
    setBusy(true);
    try {
      await onReject(reason.trim());
      form.resetFields();
    } catch {
      // The page has shown the server's message; the modal stays open to try again.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={request !== null} title={t('review.rejectTitle', { name: request?.name ?? '' })} okText={t('review.reject')}
      okButtonProps={{ danger: true, loading: busy }} cancelText={t('common.cancel')} onOk={submit} onCancel={onCancel} destroyOnHidden>
      <Form form={form} name="reject" layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('verification.reason')} rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('review.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
