import { FilePdfOutlined } from '@ant-design/icons';
import { Descriptions, Typography } from 'antd';
import type { ApplicationDetail } from '../../applications';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export function agreementUrl(id: string): string {
  return `/api/v1/applications/${encodeURIComponent(id)}/agreement.pdf`;
}

/**
 * 开放利用协议 once 需求复核 has passed: the PDF (the signed text once signed), its SM3 digest and
 * who signed when; what each party may do with it comes below, from the caller's abilities.
 */
export function AgreementPanel({ app }: { app: ApplicationDetail }) {
  const { t } = useI18n();
  const { agreement } = app;
  if (!agreement.available) return null;
  return (
    <section className="section-gap" aria-label={t('apply.agreement')}>
      <Typography.Title level={5}>{t('apply.agreement')}</Typography.Title>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 160 } }} items={[
        {
          key: 'pdf', label: t('apply.agreement'),
          children: <a href={agreementUrl(app.id)} target="_blank" rel="noopener noreferrer"><FilePdfOutlined /> {t('apply.agreementRead')}</a>,
        },
        {
          key: 'sm3', label: t('apply.sm3'),
          children: agreement.sm3 ? <Typography.Text code copyable className="sm3-digest">{agreement.sm3}</Typography.Text> : t('apply.notSigned'),
        },
        { key: 'signed', label: t('apply.applicantSignedAt'), children: agreement.applicantSignedAt ? formatDateTime(agreement.applicantSignedAt) : t('apply.notSigned') },
        { key: 'confirmed', label: t('apply.departmentConfirmedAt'), children: agreement.departmentConfirmedAt ? formatDateTime(agreement.departmentConfirmedAt) : '—' },
      ]} />
    </section>
  );
}
