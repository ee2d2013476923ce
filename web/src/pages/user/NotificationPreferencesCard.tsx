import { App, Card, Checkbox, Space, Switch, Typography } from 'antd';
import { api, errorMessage } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { useRequest } from '../../useRequest';

interface Preferences {
  channels: { inApp: true; email: boolean; sms: boolean };
  available: { email: boolean; sms: boolean };
  mutedKinds: string[];
  kinds: string[];
}

/** 通知方式: the inbox always; email and SMS when the platform has them; kinds kept to the inbox. */
export function NotificationPreferencesCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, reload } = useRequest(() => api.get<Preferences>('/api/v1/me/notification-preferences'), []);
  if (!data) return null;

  const save = async (change: Partial<{ email: boolean; sms: boolean; mutedKinds: string[] }>) => {
    try {
      await api.put('/api/v1/me/notification-preferences', change);
      message.success(t('common.saved'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card title={t('notify.preferences')}>
      <Space direction="vertical">
        <Space><Switch checked disabled aria-label={t('notify.channel.inApp')} />{t('notify.channel.inApp')}</Space>
        <Space><Switch checked={data.channels.email} disabled={!data.available.email} onChange={(email) => void save({ email })} aria-label={t('notify.channel.email')} />{t('notify.channel.email')}
          {!data.available.email && <Typography.Text type="secondary">{t('notify.channel.unavailable')}</Typography.Text>}</Space>
        <Space><Switch checked={data.channels.sms} disabled={!data.available.sms} onChange={(sms) => void save({ sms })} aria-label={t('notify.channel.sms')} />{t('notify.channel.sms')}
          {!data.available.sms && <Typography.Text type="secondary">{t('notify.channel.unavailable')}</Typography.Text>}</Space>
        <Typography.Text>{t('notify.mutedKinds')}</Typography.Text>
        <Checkbox.Group value={data.mutedKinds} onChange={(kinds) => void save({ mutedKinds: kinds })}
          options={data.kinds.map((kind) => ({ value: kind, label: t(`notify.kind.${kind}` as MessageKey) }))} />
      </Space>
    </Card>
  );
}
