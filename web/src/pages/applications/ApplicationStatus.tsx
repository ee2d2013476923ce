import { Space, Tag } from 'antd';
import { applicationColor, isOpen, type ApplicationSummary } from '../../applications';
import { pick } from '../../consultations';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';

/** Where an application stands, in the server's words, with the overdue mark when its step is late. */
export function ApplicationStatus({ item }: { item: Pick<ApplicationSummary, 'status' | 'stepLabel' | 'overdue'> }) {
  const { t, lang } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={applicationColor(item.status)}>{pick(item.stepLabel, lang)}</Tag>
      {item.overdue && <Tag color="error">{t('apply.overdue')}</Tag>}
    </Space>
  );
}

/** The due date matters only while a step is open. */
export function applicationDue(item: Pick<ApplicationSummary, 'status' | 'dueAt'>): string {
  return isOpen(item) ? formatDate(item.dueAt) : '—';
}
