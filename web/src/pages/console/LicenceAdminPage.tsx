import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { showServerError } from '../../forms';
import { formatDateTime } from '../../format';
import { useRequest } from '../../useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { Licence } from '../catalog/types';

interface TextForm {
  title: string;
  text: string;
}

/** What differs between the texts the authority versions: where they live, and the words around them. */
interface VersionedTextPage {
  url: '/api/v1/licence' | '/api/v1/pledge' | '/api/v1/agreement-template';
  current: MessageKey;
  warning: MessageKey;
  confirm: MessageKey;
  published: MessageKey;
  titleLabel: MessageKey;
  textLabel: MessageKey;
}

const LICENCE: VersionedTextPage = {
  url: '/api/v1/licence', current: 'licenceAdmin.current', warning: 'licenceAdmin.warning', confirm: 'licenceAdmin.confirm', published: 'licenceAdmin.published',
  titleLabel: 'licenceAdmin.title', textLabel: 'licenceAdmin.text',
};
const PLEDGE: VersionedTextPage = {
  url: '/api/v1/pledge', current: 'pledgeAdmin.current', warning: 'pledgeAdmin.warning', confirm: 'pledgeAdmin.confirm', published: 'pledgeAdmin.published',
  titleLabel: 'pledgeAdmin.title', textLabel: 'pledgeAdmin.text',
};

const AGREEMENT: VersionedTextPage = {
  url: '/api/v1/agreement-template', current: 'agreementAdmin.current', warning: 'agreementAdmin.warning', confirm: 'agreementAdmin.confirm',
  published: 'agreementAdmin.published', titleLabel: 'agreementAdmin.title', textLabel: 'agreementAdmin.text',
};

/** 授权协议管理: the licence in force, and a new version (everyone accepts it again before taking data). */
export function LicenceAdminPage() {
  return <VersionedTextAdmin page={LICENCE} />;
}

/** 安全承诺书管理: the pledge an application accepts by version; a new version applies to applications from then on. */
export function PledgeAdminPage() {
  return <VersionedTextAdmin page={PLEDGE} />;
}

/** 开放利用协议模板: the text each agreement is generated from; an agreement keeps the version it was signed on. */
export function AgreementTemplateAdminPage() {
  return <VersionedTextAdmin page={AGREEMENT} />;
}

/** A versioned text as the authority's administrator keeps it: the version in force, and the next. */
function VersionedTextAdmin({ page }: { page: VersionedTextPage }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TextForm>();
  // A template also names the placeholders it may use ({{applicant}}…), which the server checks on publishing.
  const { data, error, loading, reload } = useRequest(() => api.get<Omit<Licence, 'accepted'> & { placeholders?: string[] }>(page.url), [page.url]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue({ title: data.title, text: data.text });
  }, [data, form]);

  const publish = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setFormError(null);
    setBusy(true);
    try {
      const { version } = await api.put<{ version: number }>(page.url, { title: values.title.trim(), text: values.text.trim() });
      message.success(t(page.published, { version }));
      reload();
    } catch (err) {
      setFormError(showServerError(form, err, ['title', 'text']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card title={t(page.current)}>
        {error && <Alert type="error" showIcon title={error.message} />}
        {loading && !data ? <Skeleton active /> : data && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'title', label: t(page.titleLabel), children: data.title },
              { key: 'version', label: t('licenceAdmin.version'), children: `v${data.version}` },
              { key: 'at', label: t('licenceAdmin.publishedAt'), children: formatDateTime(data.createdAt) },
            ]} />
            <div className="licence-text licence-text-admin" tabIndex={0}>{data.text}</div>
          </>
        )}
      </Card>
      <Card title={t('licenceAdmin.newVersion')}>
        <Alert className="form-alert" type="warning" showIcon title={t(page.warning)} />
        {data?.placeholders && (
          <Alert className="form-alert" type="info" showIcon title={t('agreementAdmin.placeholders', { list: data.placeholders.map((p) => `{{${p}}}`).join('  ') })} />
        )}
        {formError && <Alert className="form-alert" type="error" showIcon title={formError} />}
        <Form form={form} name={page.url.slice(8)} layout="vertical">
          <Form.Item name="title" label={t(page.titleLabel)} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t(page.titleLabel) }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="text" label={t(page.textLabel)} rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t(page.textLabel) }) },
            { min: 10, message: t('licenceAdmin.tooShort') },
          ]}>
            <Input.TextArea rows={16} maxLength={page === AGREEMENT ? 50000 : 20000} showCount />
          </Form.Item>
          <Popconfirm title={t(page.confirm)} okText={t('licenceAdmin.publish')} cancelText={t('common.cancel')} onConfirm={publish}>
            <Button type="primary" loading={busy}>{t('licenceAdmin.publish')}</Button>
          </Popconfirm>
        </Form>
      </Card>
    </Space>
  );
}
