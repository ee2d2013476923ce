import { Alert, App, Button, Drawer, Form, Input, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import type { Department, DepartmentInput } from '../../types';

const FIELDS = ['name', 'kind', 'responsibleUnit', 'contactPerson', 'contactPhone', 'contactEmail', 'address', 'description'] as const;

function toForm(d: Department | 'new' | null): Partial<DepartmentInput> {
  if (!d || d === 'new') return { kind: 'provider' };
  return {
    name: d.name, kind: d.kind, responsibleUnit: d.responsibleUnit, contactPerson: d.contact.person,
    contactPhone: d.contact.phone, contactEmail: d.contact.email, address: d.address, description: d.description,
  };
}

/** Create or edit a department; the server's field errors land on their fields. */
export function DepartmentDrawer({ department, onClose, onSaved }: {
  department: Department | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentInput>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isNew = department === 'new';

  useEffect(() => {
    if (department) {
      form.resetFields();
      form.setFieldsValue(toForm(department));
      setError(null);
    }
  }, [department, form]);

  const save = async (values: DepartmentInput) => {
    setError(null);
    setSaving(true);
    try {
      if (isNew) await api.post('/api/v1/departments', values);
      else if (department) {
        // The server keeps a department's kind as created, so an edit does not send it.
        await api.patch(`/api/v1/departments/${encodeURIComponent(department.id)}`, { ...values, kind: undefined });
      }
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      setError(showServerError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  return (
    <Drawer open={department !== null} onClose={onClose} size={560} forceRender
      title={isNew ? t('departmentAdmin.create') : t('departmentAdmin.edit')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={saving} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}>
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form form={form} name="department" layout="vertical" onFinish={save}>
        <Form.Item name="name" label={t('department.name')} rules={required(t('department.name'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('department.kind')} extra={isNew ? undefined : t('departmentAdmin.kindFixed')}>
          <Radio.Group disabled={!isNew} options={[
            { value: 'provider', label: t('department.kind.provider') },
            { value: 'authority', label: t('department.kind.authority') },
          ]} />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('department.responsibleUnit')} rules={required(t('department.responsibleUnit'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="contactPerson" label={t('department.contactPerson')} rules={required(t('department.contactPerson'))}><Input maxLength={50} /></Form.Item>
        <Form.Item name="contactPhone" label={t('department.contactPhone')} rules={required(t('department.contactPhone'))}><Input maxLength={20} placeholder="0571-85250000" /></Form.Item>
        <Form.Item name="contactEmail" label={t('department.contactEmail')} rules={required(t('department.contactEmail'))}><Input maxLength={254} /></Form.Item>
        <Form.Item name="address" label={t('department.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t('department.description')}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
      </Form>
    </Drawer>
  );
}
