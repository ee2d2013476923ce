import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { issueText } from '../catalog/labels';
import type { ConsistencyReport } from '../catalog/types';

/** 一致性审核报告: whether the data matches what the catalog declares, and each difference in words. */
export function ConsistencyReportView({ report }: { report: ConsistencyReport | null }) {
  const { t } = useI18n();
  if (!report) return <span className="muted">—</span>;
  if (report.consistent) return <Tag icon={<CheckCircleFilled />} color="success">{t('consistency.consistent')}</Tag>;
  return (
    <div className="consistency">
      <Tag icon={<WarningFilled />} color="warning">{t('consistency.issues', { n: report.issues.length })}</Tag>
      <ul className="consistency-issues">
        {report.issues.map((issue, i) => <li key={i}>{issueText(t, issue)}</li>)}
      </ul>
    </div>
  );
}
