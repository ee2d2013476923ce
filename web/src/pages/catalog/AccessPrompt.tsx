import { FileProtectOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { useDataAccess, type AccessState } from './dataAccess';

export type MissingStep = Exclude<AccessState, 'ok' | 'loading'>;

/** The API's refusal codes, as the step the reader is missing. */
export function stepOfError(code: string): MissingStep | null {
  switch (code) {
    case 'UNAUTHENTICATED': return 'visitor';
    case 'VERIFICATION_REQUIRED': return 'unverified';
    case 'LICENCE_REQUIRED': return 'licence';
    case 'FORBIDDEN': return 'restricted';
    default: return null;
  }
}

const TEXT: Record<MissingStep, { title: MessageKey; text: MessageKey; icon: ReactNode }> = {
  visitor: { title: 'access.visitorTitle', text: 'access.visitorText', icon: <UserOutlined /> },
  unverified: { title: 'access.unverifiedTitle', text: 'access.unverifiedText', icon: <SafetyCertificateOutlined /> },
  licence: { title: 'access.licenceTitle', text: 'access.licenceText', icon: <FileProtectOutlined /> },
  restricted: { title: 'access.restrictedTitle', text: 'access.restrictedText', icon: <LockOutlined /> },
};

/** Where an application for a restricted entry starts (the form is the applications page's). */
export function applicationPath(entryId: string): string {
  return `/user/applications/new?entry=${encodeURIComponent(entryId)}`;
}

/** The next step towards the data — 登录, 去实名认证 or the licence — as a notice with its button. */
export function AccessPrompt({ step, banner = false }: { step: MissingStep; banner?: boolean }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { askLicence, entryId } = useDataAccess();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  const pending = step === 'unverified' && user?.verification.status === 'pending';

  const action = step === 'visitor' ? (
    <Space>
      <Link to={`/login?next=${next}`}><Button type="primary">{t('nav.login')}</Button></Link>
      <Link to="/register"><Button>{t('nav.register')}</Button></Link>
    </Space>
  ) : step === 'unverified' ? (
    <Link to="/user/verification"><Button type="primary">{t(pending ? 'access.viewVerification' : 'access.verify')}</Button></Link>
  ) : step === 'licence' ? (
    <Button type="primary" onClick={askLicence}>{t('access.readLicence')}</Button>
  ) : <Link to={applicationPath(entryId)}><Button type="primary">{t('restricted.apply')}</Button></Link>;

  const { title, text, icon } = TEXT[step];
  return (
    <Alert className={banner ? 'access-prompt access-banner' : 'access-prompt'} type={step === 'restricted' ? 'warning' : 'info'} showIcon icon={icon}
      title={t(title)} description={pending ? t('access.pendingText') : t(text)} action={action} />
  );
}
