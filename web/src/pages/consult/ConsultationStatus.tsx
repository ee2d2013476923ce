import { Space, Tag } from 'antd';
import { statusColor, type ConsultationSummary } from '../../consultations';
import { formatDate } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';

/** The state of a question, with its due date while open and the overdue mark when passed. */
export function ConsultationStatus({ item }: { item: Pick<ConsultationSummary, 'status' | 'dueAt' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={statusColor(item.status)}>{t(`consult.status.${item.status}` as MessageKey)}</Tag>
      {item.overdue && <Tag color="error">{t('consult.overdue')}</Tag>}
    </Space>
  );
}

/** The due date only matters while the question waits for an answer. */
export function dueText(item: Pick<ConsultationSummary, 'status' | 'dueAt'>): string {
  return item.status === 'answered' || item.status === 'withdrawn' ? '—' : formatDate(item.dueAt);
}
