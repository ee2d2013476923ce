import { Descriptions, Space, Tag, Typography } from 'antd';
import { PartyName } from './PartyName';
import { Link } from 'react-router-dom';
import type { ApplicationDetail } from '../../applications';
import { formatDate } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { capabilityOf, fieldLabel, type ApplicableEntry } from './entry';

function Text({ value }: { value: string }) {
  return value ? <Typography.Paragraph className="pre-wrap application-text">{value}</Typography.Paragraph> : <>—</>;
}

/** The application as it was filled in, read-only. */
export function ApplicationFormView({ app, entry }: { app: ApplicationDetail; entry: ApplicableEntry | undefined }) {
  const { t } = useI18n();
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 160 } }} items={[
      { key: 'applicant', label: t('apply.applicant'), children: <PartyName party={app.applicant} creditLevel={app.applicant.creditLevel} /> },
      { key: 'entry', label: t('apply.entry'), children: <Link to={`/catalog/${encodeURIComponent(app.entryId)}`}>{app.entryTitle || app.entryId}</Link> },
      {
        key: 'fields', label: t('apply.fields'),
        children: app.fields.length ? <Space size={[4, 4]} wrap>{app.fields.map((f) => <Tag key={f} title={f}>{fieldLabel(entry, f)}</Tag>)}</Space> : '—',
      },
      { key: 'purpose', label: t('apply.purpose'), children: <Text value={app.purpose} /> },
      { key: 'scenario', label: t('apply.scenario'), children: <Text value={app.scenario} /> },
      { key: 'period', label: t('apply.period'), children: app.periodStart || app.periodEnd ? `${formatDate(app.periodStart)} ~ ${formatDate(app.periodEnd)}` : '—' },
      { key: 'delivery', label: t('apply.delivery'), children: t(`apply.delivery.${app.delivery}` as MessageKey) },
      { key: 'outcome', label: t('apply.expectedOutcome'), children: <Text value={app.expectedOutcome} /> },
      { key: 'storage', label: t('apply.storage'), children: <Text value={app.capability.storage} /> },
      { key: 'processing', label: t('apply.processing'), children: <Text value={app.capability.processing} /> },
      { key: 'protection', label: t('apply.protection'), children: <Text value={app.capability.protection} /> },
      ...(app.capability.capabilities.length ? [{
        key: 'capabilities', label: t('apply.capabilities'),
        children: <ul className="plain-list">{app.capability.capabilities.map((c) => <li key={c}>{capabilityOf(c, t).label}</li>)}</ul>,
      }] : []),
      { key: 'pledge', label: t('apply.pledge'), children: app.pledgeVersion ? `${t('apply.pledgeAgree')}（${t('apply.pledgeVersion', { version: app.pledgeVersion })}）` : '—' },
    ]} />
  );
}
