import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ApplicationDetail } from '../../applications';
import { CaseTimeline } from '../../components/CaseTimeline';
import { formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { AgreementPanel } from './AgreementPanel';
import { ApplicationFormView } from './ApplicationFormView';
import { applicationDue, ApplicationStatus } from './ApplicationStatus';
import { ApplicationSteps } from './ApplicationSteps';
import { useEntry } from './entry';

/**
 * One application as its participants read it: the five-step bar, where it stands and by when,
 * the form, the agreement, the actions the caller may take (`children`) and the timeline.
 */
export function ApplicationCase({ app, backTo, notice, children }: { app: ApplicationDetail; backTo: string; notice?: ReactNode; children?: ReactNode }) {
  const { t } = useI18n();
  const entry = useEntry(app.entryId);
  return (
    <Card title={app.entryTitle || t('apply.form')} extra={<Link to={backTo}>{t('common.back')}</Link>}>
      <ApplicationSteps app={app} />
      {notice}
      <Descriptions className="section-gap" column={{ xs: 1, md: 2 }} bordered size="small" items={[
        { key: 'status', label: t('apply.status'), children: <ApplicationStatus item={app} /> },
        { key: 'waits', label: t('apply.step'), children: app.waitsFor ? t(`apply.waitsFor.${app.waitsFor}` as MessageKey) : '—' },
        { key: 'due', label: t('apply.dueAt'), children: applicationDue(app) },
        { key: 'submitted', label: app.submittedAt ? t('apply.submittedAt') : t('apply.createdAt'), children: formatDateTime(app.submittedAt ?? app.createdAt) },
      ]} />
      <Typography.Title level={5} className="section-gap">{t('apply.form')}</Typography.Title>
      <ApplicationFormView app={app} entry={entry.data} />
      <AgreementPanel app={app} />
      {children}
      {app.timeline.length > 0 && (
        <>
          <Typography.Title level={5} className="section-gap">{t('apply.timeline')}</Typography.Title>
          <CaseTimeline steps={app.timeline} />
        </>
      )}
    </Card>
  );
}
