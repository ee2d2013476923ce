import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, List, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import type { Grant, GrantReports as Reports } from '../../applications';
import { formatBytes, formatDate, formatDateTime } from '../../format';
import { showServerError } from '../../forms';
import { useI18n } from '../../i18n';
import { uploadFile } from '../../upload';
import { useRequest } from '../../useRequest';

interface OutcomeForm {
  title: string;
  description: string;
  link?: string;
  fileId?: string;
}

const returnUrl = (grantId: string, fileId: string) => `/api/v1/grants/${encodeURIComponent(grantId)}/returns/${encodeURIComponent(fileId)}`;

/**
 * 五.4 on one grant: the outcomes registered and the business data returned (回传) — read by the
 * grantee, the data's department and the authority; registered and uploaded by the grantee
 * (`mine`), the server deciding either way.
 */
export function GrantReports({ grant, mine, onChange }: { grant: Grant; mine: boolean; onChange?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeForm>();
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const url = `/api/v1/grants/${encodeURIComponent(grant.id)}`;
  const { data, error, reload } = useRequest(() => api.get<Reports>(`${url}/outcomes`), [url]);
  if (error) return <span className="muted">{errorMessage(error)}</span>;
  if (!data) return null;
  const fileName = (id: string | null) => data.returns.find((r) => r.id === id)?.fileName;

  const register = async (values: OutcomeForm) => {
    setSaving(true);
    try {
      await api.post(`${url}/outcomes`, {
        title: values.title, description: values.description,
        ...(values.link?.trim() ? { link: values.link.trim() } : {}), ...(values.fileId ? { fileId: values.fileId } : {}),
      });
      message.success(t('outcome.registered'));
      form.resetFields();
      reload();
      onChange?.();
    } catch (err) {
      showServerError(form, err, ['title', 'description', 'link', 'fileId']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} className="full-width grant-reports">
      <div className={grant.outcome.overdue ? 'text-danger' : 'muted'}>
        {t(grant.outcome.overdue ? 'outcome.overdue' : 'outcome.dueOn', { date: formatDate(data.outcomeDueOn) })}
      </div>
      <Card size="small" title={t('outcome.title')}>
        {data.outcomes.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outcome.none')} /> : (
          <List size="small" dataSource={data.outcomes} renderItem={(o) => (
            <List.Item>
              <List.Item.Meta title={o.title} description={(
                <>
                  <div className="pre-wrap">{o.description}</div>
                  {o.link && <a href={o.link} target="_blank" rel="noopener noreferrer nofollow">{o.link}</a>}
                  {o.fileId && <div><PaperClipOutlined aria-hidden /> <a href={returnUrl(grant.id, o.fileId)}>{fileName(o.fileId) ?? o.fileId}</a></div>}
                  <div className="muted">{formatDateTime(o.createdAt)}</div>
                </>
              )} />
            </List.Item>
          )} />
        )}
        {mine && (
          <Form form={form} name={`outcome-${grant.id}`} layout="vertical" onFinish={register} className="section-gap">
            <Form.Item name="title" label={t('outcome.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('outcome.name') }) }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('outcome.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('outcome.description') }) }]}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="link" label={t('outcome.link')}>
              <Input maxLength={1000} placeholder="https://" />
            </Form.Item>
            {data.returns.length > 0 && (
              <Form.Item name="fileId" label={t('outcome.file')}>
                <Select allowClear options={data.returns.map((r) => ({ value: r.id, label: r.fileName }))} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={saving}>{t('outcome.register')}</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title={t('outcome.returns')}>
        {data.returns.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outcome.noReturns')} /> : (
          <List size="small" dataSource={data.returns} renderItem={(r) => (
            <List.Item>
              <span><PaperClipOutlined aria-hidden /> <a href={returnUrl(grant.id, r.id)}>{r.fileName}</a></span>
              <span className="muted">{formatBytes(r.size)} · {formatDateTime(r.uploadedAt)}</span>
            </List.Item>
          )} />
        )}
        {mine && (
          <Upload showUploadList={false} customRequest={({ file }) => {
            setUploading(true);
            uploadFile(`${url}/returns`, file as File, () => undefined)
              .then(() => { message.success(t('outcome.returned')); reload(); })
              .catch((err: unknown) => message.error(errorMessage(err)))
              .finally(() => setUploading(false));
          }}>
            <Button icon={<UploadOutlined />} loading={uploading} className="section-gap">{t('outcome.upload')}</Button>
          </Upload>
        )}
      </Card>
    </Space>
  );
}
