import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { ENTRY_STATUS } from '../catalog/labels';
import type { EntryStatus } from '../catalog/types';

/** The entry's state, and 有待审核修改 when a published entry carries changes awaiting review. */
export function EntryStatusTags({ status, pending }: { status: EntryStatus; pending: boolean }) {
  const { t } = useI18n();
  const label = ENTRY_STATUS[status];
  return (
    <span className="status-tags">
      <Tag color={label?.color ?? 'default'}>{label ? t(label.key) : status}</Tag>
      {pending && status === 'published' && <Tag color="gold">{t('entryStatus.pendingRevision')}</Tag>}
    </span>
  );
}
