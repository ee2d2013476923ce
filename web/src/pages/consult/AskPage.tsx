import { Alert, App, Button, Card, Checkbox, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { AttachmentsField } from '../../components/AttachmentsField';
import { PageBanner } from '../../components/PageBanner';
import { formatDate } from '../../format';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';

interface AskForm {
  title: string;
  content: string;
  public: boolean;
  attachmentIds?: string[];
}

interface Asked {
  id: string;
  status: string;
  dueAt: string | null;
}

/** 我要咨询: a question to the authority, about one dataset when asked from its page. */
export default function AskPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const entryId = params.get('entry') ?? undefined;
  const [form] = Form.useForm<AskForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [asked, setAsked] = useState<Asked | null>(null);
  const entry = useRequest(
    () => (entryId ? api.get<{ id: string; title: string }>(`/api/v1/catalog/${encodeURIComponent(entryId)}`) : Promise.resolve(undefined)),
    [entryId],
  );

  const onFinish = async (values: AskForm) => {
    setError(null);
    setSubmitting(true);
    try {
      const result = await api.post<Asked>('/api/v1/consultations', {
        title: values.title, content: values.content, public: values.public,
        ...(values.attachmentIds?.length ? { attachmentIds: values.attachmentIds } : {}), ...(entryId ? { entryId } : {}),
      });
      message.success(t('consult.submitted'));
      setAsked(result);
    } catch (err) {
      setError(showServerError(form, err, ['title', 'content']));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <PageBanner title={t('consult.askTitle')} subtitle={t('consult.askSubtitle')} crumbs={[{ title: t('consult.askTitle') }]} />
      <div className="container page-body">
        <Card>
          {asked ? (
            <Result status="success" title={t('consult.submitted')} subTitle={t('consult.dueNotice', { date: formatDate(asked.dueAt) })}
              extra={[
                <Link key="mine" to={`/user/consultations/${asked.id}`}><Button type="primary">{t('consult.viewMine')}</Button></Link>,
                <Button key="again" onClick={() => { form.resetFields(); setAsked(null); }}>{t('consult.askAgain')}</Button>,
              ]} />
          ) : (
            <>
              {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
              <Form form={form} name="consult" layout="vertical" onFinish={onFinish} initialValues={{ public: true }}>
                {entryId && (
                  <Form.Item label={t('consult.entry')}>
                    {entry.data ? <Link to={`/catalog/${encodeURIComponent(entryId)}`}>{entry.data.title}</Link> : entryId}
                  </Form.Item>
                )}
                <Form.Item name="title" label={t('consult.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('consult.title') }) }, { max: 100 }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="content" label={t('consult.content')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('consult.content') }) }, { max: 5000 }]}>
                  <Input.TextArea rows={6} maxLength={5000} showCount />
                </Form.Item>
                <Form.Item name="attachmentIds" label={t('attachments.label')}>
                  <AttachmentsField />
                </Form.Item>
                <Form.Item name="public" valuePropName="checked" extra={t('consult.publicHint')}>
                  <Checkbox>{t('consult.public')}</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={submitting}>{t('consult.submit')}</Button>
              </Form>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
