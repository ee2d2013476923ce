import { Card, Descriptions, Space, Tag } from 'antd';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { roleName, VERIFICATION_STATUS, VERIFICATION_TYPE } from '../../labels';
import { useRoleLabels } from '../../roles';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';

export default function ProfilePage() {
  const { user } = useAuth();
  const { lang, t } = useI18n();
  const { data: roleLabels } = useRoleLabels();
  if (!user) return null;
  const v = user.verification;

  return (
    <Space orientation="vertical" size={20} className="full-width">
      <Card title={t('user.account')}>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle" styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'phone', label: t('auth.phone'), children: user.phone },
            { key: 'email', label: t('auth.email'), children: user.email ?? '—' },
            { key: 'name', label: t('auth.displayName'), children: user.displayName },
            { key: 'roles', label: t('user.roles'), children: user.roles.map((r) => <Tag key={r} color="blue">{roleName(roleLabels, r, lang)}</Tag>) },
            { key: 'department', label: t('user.department'), children: user.department?.name ?? '—' },
            { key: 'credit', label: t('user.creditLevel'), children: user.creditLevel },
            {
              key: 'verification', label: t('user.verification'),
              children: <>
                <Tag color={VERIFICATION_STATUS[v.status].color}>{t(VERIFICATION_STATUS[v.status].key)}</Tag>
                {v.status === 'verified' && v.realName && <span>{v.realName}{v.type ? `（${t(VERIFICATION_TYPE[v.type])}）` : ''}</span>}
              </>,
            },
            { key: 'created', label: t('user.createdAt'), children: formatDateTime(user.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('user.editProfile')}><ProfileForm /></Card>
      <Card title={t('user.changePassword')}><PasswordForm /></Card>
    </Space>
  );
}
