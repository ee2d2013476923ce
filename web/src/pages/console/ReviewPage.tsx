import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { AttachmentsField } from '../../components/AttachmentsField';
import { CaseTimeline } from '../../components/CaseTimeline';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import type { CatalogEntry } from '../catalog/types';
import { EntryDetailsCard } from './EntryDetailsCard';
import { EntryHeader } from './EntryHeader';
import { ReasonModal } from './ReasonModal';
import { ResourceReview } from './ResourceReview';
import { RevisionDiff } from './RevisionDiff';

/** 目录审核 of one entry: its metadata, the pending changes, each resource's consistency, and the decision. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: entry, error, loading } = useRequest(() => api.get<CatalogEntry>(`/api/v1/catalog/${encodeURIComponent(id)}`), [id]);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (loading && !entry) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (!entry) return null;
  const awaiting = entry.status === 'submitted' || (entry.status === 'published' && entry.submittedAt !== null);
  // Separation of duties: nobody reviews what they submitted (the server refuses it too).
  const own = entry.submittedBy !== null && entry.submittedBy === user?.id;
  // Whose step is open is the server's answer: the department's security review, then the authority's.
  const abilities = entry.review?.abilities ?? [];
  const securityReview = abilities.includes('department_approve');
  const canDecide = securityReview || abilities.includes('publish');
  const step = entry.review?.stateLabel?.[lang] ?? '';

  const decide = async (approve: boolean, reason?: string) => {
    setBusy(true);
    try {
      await api.post(`/api/v1/catalog/${encodeURIComponent(entry.id)}/review`, {
        approve, ...(reason ? { reason } : {}), ...(note.trim() ? { comment: note.trim() } : {}), ...(attachmentIds.length ? { attachmentIds } : {}),
      });
      message.success(t(approve ? (securityReview ? 'review.securityPassed' : 'review.published') : 'review.returned', { title: entry.title }));
      navigate('/admin/review');
    } catch (err) {
      message.error(errorMessage(err));
      throw err;
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <Space>
      <Button danger icon={<CloseOutlined />} disabled={!canDecide} onClick={() => setRejecting(true)}>{t('review.reject')}</Button>
      <Popconfirm title={t(securityReview ? 'review.securityConfirm' : 'review.publishConfirm', { title: entry.title })}
        okText={t(securityReview ? 'review.passSecurity' : 'review.publish')} cancelText={t('common.cancel')}
        onConfirm={() => decide(true).catch(() => undefined)} disabled={!canDecide}>
        <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={!canDecide}>{t(securityReview ? 'review.passSecurity' : 'review.publish')}</Button>
      </Popconfirm>
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card className="console-card">
        <EntryHeader
          entry={entry}
          back={{ to: '/admin/review', label: t('admin.review') }}
          pending={awaiting}
          date={`${t('review.submittedAt')}${t('common.colon')}${formatDateTime(entry.submittedAt)}`}
          actions={own ? <Tooltip title={t('review.ownEntry')}>{actions}</Tooltip> : actions}
        />
        {!awaiting && <Alert className="console-note" type="info" showIcon title={t('review.notAwaiting')} />}
        {awaiting && entry.review && (
          <Alert className="console-note" type={entry.review.overdue ? 'warning' : 'info'} showIcon
            title={t('review.currentStep', { step, due: entry.review.dueAt ?? '—' })} />
        )}
        {own && <Alert className="console-note" type="warning" showIcon title={t('review.ownEntry')} />}
      </Card>

      {entry.pendingRevision && (
        <Card className="console-card" title={t('review.revision')}>
          <RevisionDiff entry={entry} />
        </Card>
      )}

      <Card className="console-card" title={t('review.consistency')}>
        <Typography.Paragraph type="secondary">{t('review.consistencyHint')}</Typography.Paragraph>
        <Space orientation="vertical" size={12} className="full-width">
          {entry.resources.length === 0 ? <Empty description={t('console.noResources')} /> : entry.resources.map((r) => <ResourceReview key={r.id} resource={r} />)}
        </Space>
      </Card>

      {canDecide && (
        <Card className="console-card" title={t('review.comment')}>
          <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('review.comment')} />
          <div className="console-note"><AttachmentsField value={attachmentIds} onChange={setAttachmentIds} /></div>
        </Card>
      )}

      <EntryDetailsCard entry={entry} />

      {entry.review && entry.review.timeline.length > 0 && (
        <Card className="console-card" title={t('review.process')}>
          <CaseTimeline steps={entry.review.timeline} />
        </Card>
      )}

      <ReasonModal open={rejecting} title={t('review.rejectEntryTitle', { title: entry.title })} okText={t('review.reject')}
        placeholder={t('review.reasonPlaceholder')} onCancel={() => setRejecting(false)}
        onSubmit={async (reason) => { await decide(false, reason); setRejecting(false); }} />
    </Space>
  );
}
