import { PaperClipOutlined } from '@ant-design/icons';
import { attachmentUrl, type Attachment } from '../attachments';
import { formatBytes } from '../format';

/** The files a step brought, each a download link. */
export function AttachmentList({ files }: { files: readonly Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="attachment-list">
      {files.map((f) => (
        <li key={f.id}>
          <PaperClipOutlined aria-hidden />{' '}
          <a href={attachmentUrl(f.id)} download={f.fileName}>{f.fileName}</a>
          <span className="muted"> ({formatBytes(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}
