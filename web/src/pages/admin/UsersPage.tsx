import { Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, query } from '../../api';
import { useAuth } from '../../auth';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { roleName, VERIFICATION_STATUS } from '../../labels';
import { useRoleLabels } from '../../roles';
import type { Paged, UserView } from '../../types';
import { useRequest } from '../../useRequest';
import { UserEditModal } from './UserEditModal';

/** 用户管理: search by phone or name, filter by role, edit roles, department, credit and status. */
export function UsersPage() {
  const { lang, t } = useI18n();
  const { user: me, can } = useAuth();
  const { data: roleLabels } = useRoleLabels();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<UserView | null>(null);
  const { data, loading, error, reload } = useRequest(
    () => api.get<Paged<UserView>>(`/api/v1/users${query({ q, role, page, pageSize })}`),
    [q, role, page, pageSize],
  );

  return (
    <Card title={t('admin.users')}>
      <Space wrap className="table-toolbar">
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} aria-label={t('users.searchPlaceholder')} style={{ width: 280, maxWidth: '100%' }}
          onSearch={(value) => { setQ(value.trim()); setPage(1); }} enterButton />
        <Select allowClear placeholder={t('users.roleFilter')} aria-label={t('users.roleFilter')} style={{ width: 220, maxWidth: '100%' }} value={role}
          onChange={(value?: string) => { setRole(value); setPage(1); }}
          options={Object.keys(roleLabels ?? {}).map((r) => ({ value: r, label: roleName(roleLabels, r, lang) }))} />
      </Space>
      {error && <p className="error-text">{error.message}</p>}
      <Table<UserView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: formatCount(n) }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('auth.displayName'), dataIndex: 'displayName' },
          { title: t('auth.phone'), dataIndex: 'phone' },
          { title: t('user.roles'), dataIndex: 'roles', render: (roles: string[]) => {
            // Every account holds `user`; it is named only when the account holds nothing else.
            const shown = roles.length > 1 ? roles.filter((r) => r !== 'user') : roles;
            return shown.map((r) => <Tag key={r} color={r === 'user' ? 'default' : 'blue'}>{roleName(roleLabels, r, lang)}</Tag>);
          } },
          { title: t('user.department'), dataIndex: ['department', 'name'], render: (v?: string) => v ?? '—' },
          { title: t('user.creditLevel'), dataIndex: 'creditLevel', width: 90 },
          { title: t('user.verification'), dataIndex: ['verification', 'status'], render: (s: UserView['verification']['status']) => <Tag color={VERIFICATION_STATUS[s].color}>{t(VERIFICATION_STATUS[s].key)}</Tag> },
          { title: t('common.status'), dataIndex: 'status', render: (s: UserView['status']) => <Tag color={s === 'active' ? 'success' : 'default'}>{t(s === 'active' ? 'users.active' : 'users.disabled')}</Tag> },
          { title: t('user.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          ...(can('user.manage') ? [{
            title: t('common.actions'), key: 'actions', fixed: 'right' as const, width: 90,
            render: (_: unknown, u: UserView) => u.id === me?.id
              ? <Tooltip title={t('users.notSelf')}><Button type="link" size="small" disabled>{t('common.edit')}</Button></Tooltip>
              : <Button type="link" size="small" onClick={() => setEditing(u)}>{t('common.edit')}</Button>,
          }] : []),
        ]}
      />
      <UserEditModal user={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
    </Card>
  );
}
