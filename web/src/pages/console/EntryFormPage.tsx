import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useDepartments } from '../../departments';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { FREQUENCIES, frequencyName, OPEN_TYPE } from '../catalog/labels';
import type { CatalogEntry, OpenType } from '../catalog/types';
import { ConditionsFields } from './ConditionsFields';
import { DEFAULT_CONDITIONS, FORMAT_CHOICES, showEntryError, toFormValues, toInput, type EntryFormValues } from './entryForm';
import { FieldsEditor } from './FieldsEditor';

const OPEN_TYPES: OpenType[] = ['unconditional', 'restricted', 'prohibited'];

/** 新建目录 / 编辑目录: every element of rule 一.4 and the 数据项; a published entry's edit awaits review. */
export function EntryFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EntryFormValues>();
  const { data: departments } = useDepartments();
  const { data: entry, error: loadError, loading } = useRequest(
    () => (id ? api.get<CatalogEntry>(`/api/v1/catalog/${encodeURIComponent(id)}`) : Promise.resolve(undefined)), [id],
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const openType = Form.useWatch('openType', form);

  useEffect(() => {
    if (entry) form.setFieldsValue(toFormValues(entry));
  }, [entry, form]);

  // Only the authority files entries for any department; everyone else for their own.
  const allDepartments = can('catalog.console.all');
  const departmentOptions = (departments ?? [])
    .filter((d) => allDepartments || d.id === user?.department?.id)
    .map((d) => ({ value: d.id, label: d.name }));

  const save = async (values: EntryFormValues) => {
    setError(null);
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = id
        ? await api.patch<CatalogEntry>(`/api/v1/catalog/${encodeURIComponent(id)}`, input)
        : await api.post<CatalogEntry>('/api/v1/catalog', input);
      message.success(t(saved.pendingRevision ? 'entryForm.savedRevision' : 'common.saved'));
      navigate(`/admin/catalog/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      setError(showEntryError(form, err));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  if (id && loading && !entry) return <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>;
  if (loadError) return <Alert type="error" showIcon title={loadError.message} />;

  return (
    <Form form={form} name="entry" layout="vertical" onFinish={save} scrollToFirstError
      initialValues={{ openType: 'unconditional', updateFrequency: 'monthly', accessMethods: ['data', 'api'], dataFormat: ['CSV'], tags: [], fields: [], conditions: DEFAULT_CONDITIONS,
        departmentId: allDepartments ? undefined : user?.department?.id }}>
      <Card className="console-card" title={id ? t('entryForm.editTitle', { title: entry?.title ?? '' }) : t('console.create')}
        extra={<Link to={id ? `/admin/catalog/${encodeURIComponent(id)}` : '/admin/catalog'}><ArrowLeftOutlined /> {t('common.back')}</Link>}>
        {entry?.status === 'published' && <Alert className="form-alert" type="info" showIcon title={t('entryForm.publishedNote')} />}
        {error && <Alert className="form-alert" type="error" showIcon title={error} />}
        <h3 className="form-section">{t('entryForm.basic')}</h3>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="title" label={t('element.title')} rules={required(t('element.title'))}><Input maxLength={200} /></Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="departmentId" label={t('element.department')} rules={[{ required: true, message: t('common.required', { field: t('element.department') }) }]}
              extra={allDepartments ? undefined : t('entryForm.ownDepartment')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} disabled={!allDepartments && departmentOptions.length <= 1} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('element.summary')} rules={required(t('element.summary'))}><Input.TextArea rows={3} maxLength={4000} showCount /></Form.Item>
          </Col>
          <Col xs={24} md={8}><Form.Item name="domain" label={t('element.domain')}><Input maxLength={50} placeholder={t('entryForm.domainPlaceholder')} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="nationalTheme" label={t('element.nationalTheme')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="district" label={t('element.district')}><Input maxLength={50} /></Form.Item></Col>
          <Col span={24}>
            <Form.Item name="tags" label={t('element.tags')} extra={t('entryForm.tagsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} maxCount={20} open={false} suffixIcon={null} aria-label={t('element.tags')} />
            </Form.Item>
          </Col>
        </Row>

        <h3 className="form-section">{t('entryForm.openness')}</h3>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            <Form.Item name="openType" label={t('element.openType')}>
              <Radio.Group options={OPEN_TYPES.map((o) => ({ value: o, label: t(OPEN_TYPE[o].key) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="accessMethods" label={t('element.accessMethods')}>
              <Checkbox.Group options={[{ value: 'data', label: t('access.data') }, { value: 'api', label: t('access.api') }]} />
            </Form.Item>
          </Col>
          {openType === 'restricted' && <ConditionsFields />}
          {openType === 'restricted' && (
            <Col span={24}>
              <Form.Item name="openConditions" label={t('element.openConditions')} rules={required(t('element.openConditions'))} extra={t('entryForm.conditionsHint')}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} lg={12}>
            <Form.Item name="dataFormat" label={t('element.dataFormat')}>
              <Select mode="tags" options={FORMAT_CHOICES.map((f) => ({ value: f, label: f }))} aria-label={t('element.dataFormat')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="updateFrequency" label={t('element.updateFrequency')}>
              <Select options={FREQUENCIES.map((f) => ({ value: f, label: frequencyName(t, f) }))} aria-label={t('element.updateFrequency')} />
            </Form.Item>
          </Col>
          <Col span={24}><Form.Item name="licence" label={t('element.licence')}><Input maxLength={200} placeholder={t('entryForm.licencePlaceholder')} /></Form.Item></Col>
        </Row>

        <h3 className="form-section">{t('entryForm.contact')}</h3>
        <Row gutter={24}>
          <Col xs={24} md={8}><Form.Item name="contactName" label={t('element.contactName')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="contactPhone" label={t('element.contactPhone')}><Input maxLength={30} placeholder="0571-85250000" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="contactEmail" label={t('element.contactEmail')} rules={[{ type: 'email', message: t('auth.emailInvalid') }]}><Input maxLength={254} /></Form.Item></Col>
        </Row>

        <h3 className="form-section">{t('element.fields')}</h3>
        <p className="form-section-hint">{t('entryForm.fieldsHint')}</p>
        <FieldsEditor />

        <div className="form-actions">
          <Space>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
          </Space>
        </div>
      </Card>
    </Form>
  );
}
