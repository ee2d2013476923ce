import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Radio, Select, Space, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, query } from '../../api';
import { useI18n } from '../../i18n';
import type { ResourceSummary, UploadStarted } from '../catalog/types';
import { followJob, jobErrorText, uploadFile } from '../../upload';
import { UploadProgress, type UploadPhase } from './UploadProgress';

export type UploadTarget = { kind: 'new'; entryId: string } | { kind: 'version'; resource: ResourceSummary };

interface Options {
  name: string;
  kind: 'table' | 'file';
  mode: 'replace' | 'append' | 'upsert';
  key?: string;
  strict: boolean;
}

const TABLE_TYPES = '.csv,.tsv,.txt,.xlsx,.json';

/**
 * 上传数据: a new resource of the entry, or a new version of one. The file goes up with its
 * transfer shown, then the ingest job is followed until it ends.
 */
export function UploadPanel({ target, onDone, onClose }: { target: UploadTarget; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Options>();
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const isNew = target.kind === 'new';
  const chosenKind = Form.useWatch('kind', form);
  const kind = isNew ? (chosenKind ?? 'table') : target.resource.kind;
  const mode = Form.useWatch('mode', form);
  const busy = phase?.step === 'sending' || phase?.step === 'processing';

  const start = async (file: File) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const controller = new AbortController();
    abort.current = controller;
    const table = { mode: values.mode ?? 'replace', key: values.mode === 'upsert' ? values.key : undefined, strict: values.strict ? 'true' : 'false' };
    const url = isNew
      ? `/api/v1/catalog/${encodeURIComponent(target.entryId)}/resources${query({ name: values.name.trim(), kind: values.kind, ...(values.kind === 'table' ? { mode: 'replace', strict: table.strict } : {}) })}`
      : `/api/v1/resources/${encodeURIComponent(target.resource.id)}/versions${query(kind === 'table' ? table : {})}`;
    setPhase({ step: 'sending', sent: 0, total: file.size });
    let at: 0 | 1 = 0;
    try {
      const started = await uploadFile<UploadStarted>(url, file, (sent, total) => setPhase({ step: 'sending', sent, total }), controller.signal);
      if (!started.jobId) {
        setPhase({ step: 'done', job: null, file: true });
        onDone();
        return;
      }
      at = 1;
      setPhase({ step: 'processing', job: null });
      const job = await followJob(started.jobId, (j) => setPhase({ step: 'processing', job: j }), controller.signal);
      setPhase(job.status === 'succeeded' ? { step: 'done', job, file: false } : { step: 'failed', at: 1, message: jobErrorText(job.error) });
      onDone();
    } catch (err) {
      if (!controller.signal.aborted) setPhase({ step: 'failed', at, message: errorMessage(err) });
    }
  };

  const fieldNames = isNew ? [] : target.resource.fields.map((f) => f.name);
  return (
    <Card size="small" className="upload-panel" title={isNew ? t('upload.newResource') : t('upload.newVersion', { name: target.resource.name })}
      extra={<Button size="small" onClick={onClose} disabled={busy}>{t('common.close')}</Button>}>
      <Form form={form} name={isNew ? 'newResource' : `version-${target.kind === 'version' ? target.resource.id : ''}`} layout="vertical" disabled={busy}
        initialValues={{ kind: 'table', mode: 'replace', strict: false, name: '' }}>
        {isNew && (
          <Space wrap size={24} align="start">
            <Form.Item name="name" label={t('upload.resourceName')} rules={[{ required: true, whitespace: true, message: t('upload.resourceNameRequired') }]}>
              <Input maxLength={100} style={{ width: 280 }} placeholder={t('upload.resourceNamePlaceholder')} />
            </Form.Item>
            <Form.Item name="kind" label={t('upload.kind')}>
              <Radio.Group optionType="button" options={[{ value: 'table', label: t('upload.kindTable') }, { value: 'file', label: t('upload.kindFile') }]} />
            </Form.Item>
          </Space>
        )}
        {!isNew && kind === 'table' && (
          <Space wrap size={24} align="start">
            <Form.Item name="mode" label={t('upload.mode')}>
              <Radio.Group optionType="button" options={[
                { value: 'replace', label: t('upload.modeReplace') }, { value: 'append', label: t('upload.modeAppend') }, { value: 'upsert', label: t('upload.modeUpsert') },
              ]} />
            </Form.Item>
            {mode === 'upsert' && (
              <Form.Item name="key" label={t('upload.key')} rules={[{ required: true, message: t('upload.keyRequired') }]}>
                <Select style={{ width: 220 }} options={fieldNames.map((n) => ({ value: n, label: n }))} />
              </Form.Item>
            )}
          </Space>
        )}
        {kind === 'table' && (
          <Form.Item name="strict" label={t('upload.strictness')}>
            <Radio.Group className="upload-strictness" options={[
              { value: true, label: t('upload.strict') },
              { value: false, label: t('upload.tolerant') },
            ]} />
          </Form.Item>
        )}
      </Form>
      <Upload.Dragger accept={kind === 'table' ? TABLE_TYPES : undefined} multiple={false} showUploadList={false} disabled={busy}
        beforeUpload={(file) => { void start(file); return false; }}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('upload.drop')}</p>
        <p className="ant-upload-hint">{kind === 'table' ? t('upload.tableHint') : t('upload.fileHint')}</p>
      </Upload.Dragger>
      {phase && <UploadProgress phase={phase} />}
    </Card>
  );
}
