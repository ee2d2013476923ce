import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { CreatedApiKey } from '../../types';

/** The one and only time the secret is shown; closing it forgets the secret. */
export function ApiKeyCreatedModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={created !== null}
      title={t('apiKeys.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      width={640}
      footer={<Button type="primary" onClick={onClose}>{t('apiKeys.saved')}</Button>}
    >
      {created && (
        <>
          <Alert type="warning" showIcon title={t('apiKeys.onceWarning')} className="form-alert" />
          <Descriptions column={1} bordered size="small"
            items={[
              { key: 'name', label: t('apiKeys.name'), children: created.name },
              { key: 'key', label: t('apiKeys.key'), children: <Typography.Text code copyable={{ text: created.key, tooltips: [t('common.copy'), t('common.copied')] }}>{created.key}</Typography.Text> },
              { key: 'secret', label: t('apiKeys.secret'), children: <Typography.Text code copyable={{ text: created.secret, tooltips: [t('common.copy'), t('common.copied')] }} className="secret-text">{created.secret}</Typography.Text> },
            ]}
          />
          <Typography.Paragraph type="secondary" className="api-usage">
            {t('apiKeys.usage')}
            <Typography.Text code>{'Authorization: Bearer <key>:<secret>'}</Typography.Text>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
