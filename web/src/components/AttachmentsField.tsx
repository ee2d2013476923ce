import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_MB, type Attachment } from '../attachments';
import { useI18n } from '../i18n';
import { uploadFile } from '../upload';

/**
 * Files to send with a step, as a form field whose value is the uploaded files' ids: each file
 * is uploaded as soon as it is chosen (the server checks its size and type then), and removing
 * one deletes it while no step has taken it.
 */
export function AttachmentsField({ value = [], onChange, max = 10 }: { value?: string[]; onChange?: (ids: string[]) => void; max?: number }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  const publish = (next: UploadFile<Attachment>[]) => {
    setFiles(next);
    onChange?.(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
  };

  return (
    <Upload<Attachment>
      accept={ATTACHMENT_ACCEPT}
      fileList={files}
      maxCount={max}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        uploadFile<Attachment>('/api/v1/attachments', file as File, (sent, total) => onProgress?.({ percent: (sent / total) * 100 }))
          .then((stored) => onSuccess?.(stored))
          .catch((err: unknown) => onError?.(new Error(errorMessage(err))));
      }}
      onChange={({ fileList }) => publish(fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined } : f)))}
      onRemove={async (file) => {
        if (file.response?.id) await api.delete(`/api/v1/attachments/${encodeURIComponent(file.response.id)}`).catch(() => undefined);
        return true;
      }}
    >
      {files.length < max && (
        <Button icon={<UploadOutlined />} disabled={value.length >= max}>{t('attachments.choose', { mb: MAX_ATTACHMENT_MB })}</Button>
      )}
    </Upload>
  );
}
