import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CONSOLE_PERMISSIONS, useAuth } from '../auth';
import { AuthShell } from '../components/AuthShell';
import { showServerError } from '../forms';
import { useI18n } from '../i18n';

interface LoginForm {
  account: string;
  password: string;
}

/** Only same-site paths are followed after sign-in; without one, staff land on their workbench. */
function safeNext(next: string | null, staff: boolean): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return staff ? '/admin/workbench' : '/user';
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      const user = await login(values.account.trim(), values.password);
      message.success(t('auth.welcomeBack', { name: user.displayName }));
      navigate(safeNext(params.get('next'), CONSOLE_PERMISSIONS.some((p) => user.permissions.includes(p))), { replace: true });
    } catch (err) {
      setError(showServerError(form, err, ['account', 'password']));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell title={t('auth.loginTitle')}>
      {params.get('registered') && !error && <Alert className="form-alert" type="success" showIcon title={t('auth.registered')} />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      <Form form={form} name="login" layout="vertical" size="large" requiredMark={false} onFinish={onFinish}
        initialValues={{ account: params.get('account') ?? '' }}>
        <Form.Item name="account" label={t('auth.account')} rules={[{ required: true, whitespace: true, message: t('auth.accountRequired') }]}>
          <Input prefix={<UserOutlined />} placeholder={t('auth.accountPlaceholder')} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
        </Form.Item>
        <div style={{ textAlign: 'right', marginBottom: 12 }}><Link to="/forgot-password">{t('reset.link')}</Link></div>
        <Button type="primary" htmlType="submit" block loading={submitting}>{t('auth.loginButton')}</Button>
      </Form>
      <div className="auth-switch">
        {t('auth.noAccount')} <Link to="/register">{t('auth.registerNow')}</Link>
      </div>
    </AuthShell>
  );
}
