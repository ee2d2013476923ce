import { Tag } from 'antd';
import type { Grant } from '../../applications';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';

/** Where a grant's outcome duty (五.4) stands: registered, due, or overdue. */
export function OutcomeTag({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  if (grant.outcome.registered > 0) return <Tag color="success">{t('outcome.count', { n: grant.outcome.registered })}</Tag>;
  if (grant.outcome.overdue) return <Tag color="error">{t('outcome.overdueTag')}</Tag>;
  return <Tag>{t('outcome.pending', { date: formatDate(grant.outcome.dueOn) })}</Tag>;
}
