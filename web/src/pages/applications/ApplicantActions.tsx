import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { maySubmit, type ApplicationDetail } from '../../applications';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';

/** Signing the agreement (二.3 step 4): the applicant's password again, then the digest of what was signed. */
function SignForm({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sign = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(app.id)}/agreement/sign`, { password });
      message.success(t('apply.signed'));
      onDone(next);
    } catch (err) {
      setError(showServerError(form, err, ['password']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} name="sign" layout="vertical" onFinish={sign} className="application-sign">
      <Typography.Paragraph>{t('apply.signHint')}</Typography.Paragraph>
      {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
      <Form.Item name="password" label={t('apply.password')} rules={[{ required: true, message: t('apply.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" maxLength={128} className="password-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('apply.sign')}</Button>
    </Form>
  );
}

/** Withdrawing, with an optional reason; stays open when the request fails. */
function WithdrawButton({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    setBusy(true);
    try {
      const next = await api.post<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(app.id)}/withdraw`, reason.trim() ? { reason: reason.trim() } : {});
      message.success(t('apply.withdrawn'));
      setOpen(false);
      onDone(next);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>{t('apply.withdraw')}</Button>
      <Modal open={open} title={t('apply.withdrawTitle')} okText={t('apply.withdraw')} cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: busy }} onOk={withdraw} onCancel={() => setOpen(false)} destroyOnHidden>
        <label htmlFor="withdraw-reason">{t('apply.withdrawReason')}</label>
        <Input.TextArea id="withdraw-reason" rows={3} maxLength={1000} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

/** What the applicant may do now, as the server's abilities say, and nothing else. */
export function ApplicantActions({ app, onDone }: { app: ApplicationDetail; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const next = await api.post<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(app.id)}/submit`);
      message.success(t(app.status === 'draft' ? 'apply.submitted' : 'apply.resubmitted'));
      onDone(next);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const { abilities } = app;
  return (
    <Space orientation="vertical" size="large" className="full-width section-gap">
      {abilities.includes('sign') && <SignForm app={app} onDone={onDone} />}
      <Space wrap>
        {abilities.includes('amend') && (
          <Link to={`/user/applications/${encodeURIComponent(app.id)}/edit`}><Button type="primary">{t('apply.amend')}</Button></Link>
        )}
        {maySubmit(abilities) && (
          <Button loading={busy} onClick={submit}>{t(app.status === 'draft' ? 'apply.submit' : 'apply.resubmit')}</Button>
        )}
        {abilities.includes('withdraw') && <WithdrawButton app={app} onDone={onDone} />}
      </Space>
    </Space>
  );
}
