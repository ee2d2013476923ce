import { EditOutlined, EyeOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { CatalogEntry } from '../catalog/types';
import { EntryDetailsCard } from './EntryDetailsCard';
import { EntryHeader } from './EntryHeader';
import { ReasonModal } from './ReasonModal';
import { ResourceCard } from './ResourceCard';
import { UploadPanel } from './UploadPanel';

/** What a keeper may send for review: a draft, a rejected or withdrawn entry, or a published one's changes. */
function submittable(entry: CatalogEntry): boolean {
  if (entry.status === 'published') return !entry.submittedAt && (entry.pendingRevision !== null || entry.resources.some((r) => r.heldVersion !== null));
  return entry.status === 'draft' || entry.status === 'rejected' || entry.status === 'withdrawn';
}

/** One entry in the console: its state and actions, its resources with uploads and versions, its metadata. */
export function EntryConsolePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data: entry, error, reload } = useRequest(() => api.get<CatalogEntry>(`/api/v1/catalog/${encodeURIComponent(id)}`), [id]);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [busy, setBusy] = useState(false);

  if (error) return <Alert type="error" showIcon title={error.message} action={<Link to="/admin/catalog"><Button size="small">{t('common.back')}</Button></Link>} />;
  if (!entry) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  const awaiting = entry.status === 'submitted' || (entry.status === 'published' && entry.submittedAt !== null);
  // What awaits review is frozen until decided; a published entry's data keeps being updated.
  const editable = can('catalog.edit') && !awaiting;
  const uploadable = can('catalog.edit') && entry.status !== 'submitted';

  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/v1/catalog/${encodeURIComponent(entry.id)}/submit`);
      message.success(t('console.submitted'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (reason: string) => {
    try {
      await api.post(`/api/v1/catalog/${encodeURIComponent(entry.id)}/withdraw`, { reason });
      message.success(t('console.withdrawn'));
      setWithdrawing(false);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
      throw err;
    }
  };

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card className="console-card">
        <EntryHeader
          entry={entry}
          back={{ to: '/admin/catalog', label: t('admin.catalog') }}
          pending={awaiting || entry.pendingRevision !== null}
          date={`${t('common.updatedAt')}${t('common.colon')}${formatDateTime(entry.updatedAt)}`}
          actions={(
            <Space wrap>
              {entry.status === 'published' && <Link to={`/catalog/${encodeURIComponent(entry.id)}`}><Button icon={<EyeOutlined />}>{t('console.viewOnPortal')}</Button></Link>}
              {editable && <Link to={`/admin/catalog/${encodeURIComponent(entry.id)}/edit`}><Button icon={<EditOutlined />}>{t('common.edit')}</Button></Link>}
              {can('catalog.edit') && entry.status === 'published' && <Button danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>{t('console.withdraw')}</Button>}
              {can('catalog.edit') && (
                <Popconfirm title={t('console.submitConfirm')} okText={t('console.submit')} cancelText={t('common.cancel')} onConfirm={submit} disabled={!submittable(entry)}>
                  <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!submittable(entry)}>{awaiting ? t('console.inReview') : t('console.submit')}</Button>
                </Popconfirm>
              )}
            </Space>
          )}
        />
        {entry.status === 'rejected' && entry.reviewNote && <Alert className="console-note" type="error" showIcon title={t('console.rejectedNote')} description={entry.reviewNote} />}
        {awaiting && <Alert className="console-note" type="info" showIcon title={t(entry.status === 'submitted' ? 'console.awaitingNote' : 'console.changesAwaitingNote')} />}
        {entry.pendingRevision && !awaiting && <Alert className="console-note" type="warning" showIcon title={t('console.revisionNote')} />}
      </Card>

      <Card className="console-card" title={t('console.resources')}
        extra={uploadable && !adding && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('upload.addResource')}</Button>}>
        <Space orientation="vertical" size={16} className="full-width">
          {adding && <UploadPanel target={{ kind: 'new', entryId: entry.id }} onClose={() => setAdding(false)} onDone={reload} />}
          {entry.resources.length === 0 && !adding && <Empty description={t('console.noResources')} />}
          {entry.resources.map((r) => (
            <ResourceCard key={r.id} resource={r} editable={uploadable} onChanged={reload}
              restricted={entry.openType === 'restricted'} sampleEditable={can('resource.sample.manage')} />
          ))}
        </Space>
      </Card>

      <EntryDetailsCard entry={entry} withRevision />

      <ReasonModal open={withdrawing} title={t('console.withdrawTitle', { title: entry.title })} okText={t('console.withdraw')}
        placeholder={t('console.withdrawPlaceholder')} onCancel={() => setWithdrawing(false)} onSubmit={withdraw} />
    </Space>
  );
}
