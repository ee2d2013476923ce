import { LockOutlined, MailOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { AuthShell } from '../components/AuthShell';
import { PasswordHints } from '../components/PasswordHints';
import { showServerError } from '../forms';
import { useI18n } from '../i18n';

interface RegisterForm {
  phone: string;
  email?: string;
  displayName?: string;
  password: string;
  confirm: string;
}

const FIELDS = ['phone', 'email', 'displayName', 'password'] as const;

export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const password = Form.useWatch('password', form);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: RegisterForm) => {
    setError(null);
    setSubmitting(true);
    try {
      await api.post('/api/v1/auth/register', {
        phone: values.phone.trim(),
        password: values.password,
        ...(values.email?.trim() ? { email: values.email.trim() } : {}),
        ...(values.displayName?.trim() ? { displayName: values.displayName.trim() } : {}),
      });
      message.success(t('auth.registered'));
      navigate(`/login?registered=1&account=${encodeURIComponent(values.phone.trim())}`);
    } catch (err) {
      setError(showServerError(form, err, FIELDS));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('auth.registerTitle')}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      <Form form={form} name="register" layout="vertical" requiredMark="optional" onFinish={onFinish} scrollToFirstError>
        <Form.Item name="phone" label={t('auth.phone')} rules={[{ required: true, whitespace: true, message: t('auth.phoneRequired') }]}>
          <Input prefix={<MobileOutlined />} placeholder={t('auth.phonePlaceholder')} autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ type: 'email', message: t('auth.emailInvalid') }]}>
          <Input prefix={<MailOutlined />} placeholder={t('auth.emailPlaceholder')} autoComplete="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} extra={t('auth.displayNameHint')}>
          <Input prefix={<UserOutlined />} autoComplete="nickname" maxLength={50} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}
          extra={<PasswordHints value={password} />}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['password']}
          rules={[
            { required: true, message: t('auth.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.confirmMismatch')))),
            }),
          ]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>{t('auth.registerButton')}</Button>
      </Form>
      <div className="auth-switch">
        {t('auth.haveAccount')} <Link to="/login">{t('auth.loginNow')}</Link>
      </div>
    </AuthShell>
  );
}
