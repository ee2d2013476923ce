import { Tag, Typography } from 'antd';
import { GRANT_COLORS, type Grant } from '../../applications';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

/** A grant's state, with the reason it was suspended or revoked. */
export function GrantStatusTag({ grant }: { grant: Pick<Grant, 'status' | 'suspendedReason' | 'revokedReason'> }) {
  const { t } = useI18n();
  const reason = grant.status === 'revoked' ? grant.revokedReason : grant.status === 'suspended' ? grant.suspendedReason : null;
  return (
    <>
      <Tag color={GRANT_COLORS[grant.status]}>{t(`grant.status.${grant.status}`)}</Tag>
      {reason && <div><Typography.Text type="secondary">{t('grant.reason', { reason })}</Typography.Text></div>}
    </>
  );
}

/** How much a grant was used: calls, rows and when last. */
export function GrantUse({ use }: { use: Grant['use'] }) {
  const { t } = useI18n();
  return (
    <>
      <div>{t('grant.useText', { calls: formatCount(use.calls), rows: formatCount(use.rows) })}</div>
      <Typography.Text type="secondary">{use.lastUsedAt ? t('grant.lastUse', { at: formatDateTime(use.lastUsedAt) }) : t('grant.neverUsed')}</Typography.Text>
    </>
  );
}
