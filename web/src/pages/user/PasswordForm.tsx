import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PasswordHints } from '../../components/PasswordHints';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changing the password signs out the account's other sessions (the server does that). */
export function PasswordForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const newPassword = Form.useWatch('newPassword', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: PasswordValues) => {
    setError(null);
    setSaving(true);
    try {
      await api.post('/api/v1/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      message.success(t('user.passwordChanged'));
    } catch (err) {
      setError(showServerError(form, err, ['currentPassword', 'newPassword']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name="password" layout="vertical" className="narrow-form" onFinish={onFinish}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form.Item name="currentPassword" label={t('user.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="newPassword" label={t('user.newPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}
        extra={<PasswordHints value={newPassword} />}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.confirmMismatch')))),
          }),
        ]}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>{t('user.changePassword')}</Button>
    </Form>
  );
}
