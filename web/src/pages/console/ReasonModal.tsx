import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';

/** A decision that needs a written reason (驳回, 撤回); stays open when the request fails. */
export function ReasonModal({ open, title, okText, placeholder, onCancel, onSubmit }: {
  open: boolean;
  title: string;
  okText: string;
  placeholder: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit(values.reason.trim());
      form.resetFields();
    } catch {
      // The page has shown the server's message; the reason stays for another try.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} okText={okText} okButtonProps={{ danger: true, loading: busy }} cancelText={t('common.cancel')}
      onOk={submit} onCancel={onCancel} destroyOnHidden>
      <Form form={form} name="reason" layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('reason.label')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
