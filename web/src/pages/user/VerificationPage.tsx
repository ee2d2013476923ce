import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { VERIFICATION_STATUS, VERIFICATION_TYPE } from '../../labels';
import type { VerificationRequest } from '../../types';
import { useRequest } from '../../useRequest';
import { VerificationForm } from './VerificationForm';

interface MyVerification {
  verification: VerificationRequest | null;
  oidcAvailable: boolean;
}

/** 实名认证: where the account stands, and the form when it may (re)apply. */
export default function VerificationPage() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { data, error, loading, reload } = useRequest(() => api.get<MyVerification>('/api/v1/me/verification'), []);

  if (loading && !data) return <Card><Skeleton active /></Card>;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  const v = data?.verification ?? null;
  const status = v?.status ?? 'none';
  const canApply = status === 'none' || status === 'rejected';

  const submitted = () => {
    reload();
    void refresh();
  };

  return (
    <Space orientation="vertical" size={20} className="full-width">
      <Card title={t('user.verification')}>
        <div className="verification-status">
          <span className="verification-status-label">{t('verification.current')}{t('common.colon')}</span>
          <Tag color={VERIFICATION_STATUS[status].color} className="verification-status-tag">{t(VERIFICATION_STATUS[status].key)}</Tag>
        </div>
        {status === 'none' && <Alert type="info" showIcon title={t('verification.noneText')} />}
        {status === 'pending' && <Alert type="warning" showIcon title={t('verification.pendingText')}
          description={v?.dueAt ? t('verification.dueText', { date: formatDate(v.dueAt) }) : undefined} />}
        {status === 'rejected' && <Alert type="error" showIcon title={t('verification.rejectedText')} description={`${t('verification.reason')}${t('common.colon')}${v?.reason ?? '—'}`} />}
        {status === 'verified' && <Result status="success" title={t('verification.verifiedTitle')} subTitle={t('verification.verifiedText')} />}
        {v && (
          <Descriptions className="verification-details" column={{ xs: 1, md: 2 }} size="small" bordered
            items={[
              { key: 'type', label: t('verification.type'), children: t(VERIFICATION_TYPE[v.type]) },
              { key: 'name', label: t(v.type === 'person' ? 'verification.realName' : 'verification.orgName'), children: v.name },
              ...(v.type === 'person'
                ? [{ key: 'id', label: t('verification.idNumber'), children: v.idNumberMasked ?? '—' }]
                : [
                    { key: 'code', label: t('verification.creditCode'), children: v.creditCode ?? '—' },
                    { key: 'rep', label: t('verification.legalRepresentative'), children: v.legalRepresentative ?? '—' },
                  ]),
              { key: 'submitted', label: t('verification.submittedAt'), children: formatDateTime(v.createdAt) },
              { key: 'decided', label: t('verification.decidedAt'), children: formatDateTime(v.decidedAt) },
            ]}
          />
        )}
      </Card>
      {canApply && (
        <Card title={t(status === 'rejected' ? 'verification.reapply' : 'verification.apply')}
          extra={data?.oidcAvailable && <Button type="primary" ghost href="/api/v1/me/verification/oidc">{t('verification.oidc')}</Button>}>
          <VerificationForm initialType={v?.type ?? 'person'} onSubmitted={submitted} />
        </Card>
      )}
    </Space>
  );
}
