import { Alert, App, Checkbox, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import type { Licence } from './types';
import { useRequest } from '../../useRequest';

/** 数据开放授权许可使用协议: read the current version, tick, accept; the server records the version. */
export function LicenceModal({ open, onClose, onAccepted }: { open: boolean; onClose: () => void; onAccepted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: licence, error, loading } = useRequest(() => (open ? api.get<Licence>('/api/v1/licence') : Promise.resolve(undefined)), [open]);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (open) setAgreed(false); }, [open]);

  const accept = async () => {
    if (!licence) return;
    setBusy(true);
    try {
      await api.post('/api/v1/licence/accept', { version: licence.version });
      message.success(t('licence.accepted'));
      onAccepted();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} onOk={accept} width={720} destroyOnHidden
      title={licence ? licence.title : t('licence.title')}
      okText={t('licence.accept')} cancelText={t('common.cancel')} okButtonProps={{ disabled: !agreed || !licence, loading: busy }}>
      {error && <Alert type="error" showIcon title={error.message} />}
      {loading && !licence ? <Skeleton active paragraph={{ rows: 8 }} /> : licence && (
        <>
          <Typography.Text type="secondary">{t('licence.version', { version: licence.version, date: formatDate(licence.createdAt) })}</Typography.Text>
          <div className="licence-text" tabIndex={0} aria-label={licence.title}>{licence.text}</div>
          <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>{t('licence.agree')}</Checkbox>
        </>
      )}
    </Modal>
  );
}
