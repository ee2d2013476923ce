import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { AuthShell } from '../components/AuthShell';
import { showServerError } from '../forms';
import { useI18n } from '../i18n';
import { useRequest } from '../useRequest';

interface Channels {
  email: boolean;
  sms: boolean;
  contact: { name: string; person: string; phone: string; email: string } | null;
}

/** 忘记密码: ask for a code by email or SMS, then set a new password with it; with no channel, whom to contact. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: channels } = useRequest(() => api.get<Channels>('/api/v1/auth/password-reset/channels'), []);
  const [account, setAccount] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestForm] = Form.useForm<{ account: string }>();
  const [confirmForm] = Form.useForm<{ code: string; newPassword: string }>();

  if (channels && !channels.email && !channels.sms) {
    const c = channels.contact;
    return (
      <AuthShell title={t('reset.title')}>
        <Alert type="info" showIcon role="status" title={t('reset.noChannel')}
          description={c ? t('reset.contact', { name: c.name, person: c.person, phone: c.phone, email: c.email }) : undefined} />
        <div className="auth-switch"><Link to="/login">{t('reset.backToLogin')}</Link></div>
      </AuthShell>
    );
  }

  const ask = async ({ account: given }: { account: string }) => {
    setError(null);
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password-reset/request', { account: given.trim() });
      setAccount(given.trim());
    } catch (err) {
      setError(showServerError(requestForm, err, ['account']));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (values: { code: string; newPassword: string }) => {
    setError(null);
    setBusy(true);
    try {
      await api.post('/api/v1/auth/password-reset/confirm', { account, code: values.code.trim(), newPassword: values.newPassword });
      message.success(t('reset.done'));
      navigate(`/login?account=${encodeURIComponent(account ?? '')}`, { replace: true });
    } catch (err) {
      setError(showServerError(confirmForm, err, ['code', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={t('reset.title')}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      {account === null ? (
        <Form form={requestForm} name="reset-request" layout="vertical" size="large" requiredMark={false} onFinish={ask}>
          <Form.Item name="account" label={t('auth.account')} rules={[{ required: true, whitespace: true, message: t('auth.accountRequired') }]}>
            <Input placeholder={t('auth.accountPlaceholder')} autoComplete="username" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('reset.sendCode')}</Button>
        </Form>
      ) : (
        <Form form={confirmForm} name="reset-confirm" layout="vertical" size="large" requiredMark={false} onFinish={confirm}>
          <Alert className="form-alert" type="success" showIcon title={t('reset.sent')} />
          <Form.Item name="code" label={t('reset.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('reset.codeRequired') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
          </Form.Item>
          <Form.Item name="newPassword" label={t('reset.newPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('reset.confirm')}</Button>
        </Form>
      )}
      <div className="auth-switch"><Link to="/login">{t('reset.backToLogin')}</Link></div>
    </AuthShell>
  );
}
