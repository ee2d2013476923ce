import { Alert, App, Form, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useDepartments } from '../../departments';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import { roleName } from '../../labels';
import { useRoleLabels } from '../../roles';
import type { AccountStatus, CreditLevel, UserView } from '../../types';

interface UserValues {
  roles: string[];
  departmentId: string | null;
  creditLevel: CreditLevel;
  status: AccountStatus;
}

const FIELDS = ['roles', 'departmentId', 'creditLevel', 'status'] as const;

/** Roles (every account keeps 数据利用主体), department, credit level and status of one account. */
export function UserEditModal({ user, onClose, onSaved }: { user: UserView | null; onClose: () => void; onSaved: () => void }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const { data: roleLabels } = useRoleLabels();
  const { data: departments } = useDepartments();
  const [form] = Form.useForm<UserValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!user) return;
    setError(null);
    form.setFieldsValue({ roles: user.roles.filter((r) => r !== 'user'), departmentId: user.department?.id ?? null, creditLevel: user.creditLevel, status: user.status });
  }, [user, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setError(null);
    setSaving(true);
    try {
      await api.patch(`/api/v1/users/${encodeURIComponent(user!.id)}`, { ...values, departmentId: values.departmentId ?? null });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      setError(showServerError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={user !== null} title={t('users.editTitle', { name: user?.displayName ?? '' })} onOk={save} onCancel={onClose}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ loading: saving }} forceRender width={560}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form form={form} name="user" layout="vertical">
        <Form.Item name="roles" label={t('user.roles')} extra={t('users.rolesHint', { role: roleName(roleLabels, 'user', lang) })}>
          <Select mode="multiple" allowClear
            options={Object.keys(roleLabels ?? {}).filter((r) => r !== 'user').map((r) => ({ value: r, label: roleName(roleLabels, r, lang) }))} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('user.department')} extra={t('users.departmentHint')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('users.noDepartment')}
            options={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="creditLevel" label={t('user.creditLevel')} extra={t('users.creditHint')}>
          <Radio.Group optionType="button" options={(['A', 'B', 'C', 'D'] as const).map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Radio.Group options={[{ value: 'active', label: t('users.active') }, { value: 'disabled', label: t('users.disabled') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
