import { Spin } from 'antd';
import { useI18n } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="page-loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
