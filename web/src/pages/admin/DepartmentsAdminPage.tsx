import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { invalidateDepartments, loadDepartments } from '../../departments';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Department } from '../../types';
import { useRequest } from '../../useRequest';
import { DepartmentDrawer } from './DepartmentDrawer';

/** 开放主体管理: the list, and a drawer to create or edit one. */
export function DepartmentsAdminPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { data, loading, error, reload } = useRequest(loadDepartments, []);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);

  const saved = () => {
    invalidateDepartments();
    setEditing(null);
    reload();
  };

  return (
    <Card title={t('admin.departments')}
      extra={can('department.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('departmentAdmin.create')}</Button>}>
      {error && <p className="error-text">{error.message}</p>}
      <Table<Department>
        rowKey="id"
        loading={loading}
        dataSource={data}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('department.name'), dataIndex: 'name', width: 220, render: (name: string, d) => <>{name} {d.kind === 'authority' && <Tag color="blue">{t('department.kind.authority')}</Tag>}</> },
          { title: t('department.responsibleUnit'), dataIndex: 'responsibleUnit' },
          { title: t('department.contactPerson'), dataIndex: ['contact', 'person'] },
          { title: t('department.contactPhone'), dataIndex: ['contact', 'phone'] },
          { title: t('department.contactEmail'), dataIndex: ['contact', 'email'] },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
          ...(can('department.update') ? [{
            title: t('common.actions'), key: 'actions', fixed: 'right' as const, width: 90,
            render: (_: unknown, d: Department) => <Button type="link" size="small" onClick={() => setEditing(d)}>{t('common.edit')}</Button>,
          }] : []),
        ]}
      />
      <DepartmentDrawer department={editing} onClose={() => setEditing(null)} onSaved={saved} />
    </Card>
  );
}
