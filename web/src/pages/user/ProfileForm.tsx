import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import type { Me } from '../../types';

interface ProfileValues {
  displayName: string;
  email: string;
}

/** Display name and email; an emptied email is removed. */
export function ProfileForm() {
  const { user, setUser } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!user) return null;

  const onFinish = async (values: ProfileValues) => {
    setError(null);
    setSaving(true);
    try {
      const me = await api.patch<Me>('/api/v1/me', { displayName: values.displayName.trim(), email: values.email?.trim() || null });
      setUser(me);
      message.success(t('common.saved'));
    } catch (err) {
      setError(showServerError(form, err, ['displayName', 'email']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} name="profile" layout="vertical" className="narrow-form" onFinish={onFinish}
      initialValues={{ displayName: user.displayName, email: user.email ?? '' }}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true, message: t('user.displayNameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="email" label={t('auth.email')} rules={[{ type: 'email', message: t('auth.emailInvalid') }]} extra={t('user.emailHint')}>
        <Input maxLength={254} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
    </Form>
  );
}
