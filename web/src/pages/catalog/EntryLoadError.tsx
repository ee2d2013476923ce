import { Alert, Button, Space } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';

/**
 * Why a dataset page has no entry. The server answers an entry not open to the public (a draft,
 * a 禁止开放 one) as it answers an unknown id, so a visitor's 404 may be an entry its keepers
 * and the authority can read: they are offered to sign in and come back.
 */
export function EntryLoadError({ error }: { error: Error }) {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const location = useLocation();
  const offerSignIn = error instanceof ApiError && error.code === 'NOT_FOUND' && !user && !loading;
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <Alert type={offerSignIn ? 'info' : 'error'} showIcon title={error.message}
      description={offerSignIn ? t('dataset.signInToViewHint') : undefined}
      action={(
        <Space>
          {offerSignIn && <Link to={`/login?next=${next}`}><Button size="small" type="primary">{t('dataset.signInToView')}</Button></Link>}
          <Link to="/catalog"><Button size="small">{t('common.back')}</Button></Link>
        </Space>
      )} />
  );
}
