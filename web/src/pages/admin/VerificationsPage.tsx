import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, errorMessage, query } from '../../api';
import { useAuth } from '../../auth';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { VERIFICATION_STATUS, VERIFICATION_TYPE } from '../../labels';
import type { Paged, VerificationRequest } from '../../types';
import { useRequest } from '../../useRequest';
import { RejectModal } from './RejectModal';

type Filter = 'pending' | 'verified' | 'rejected';

/** 实名认证审核: the queue, oldest first, with approve and reject (a reason is required). */
export function VerificationsPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [rejecting, setRejecting] = useState<VerificationRequest | null>(null);
  const { data, loading, error, reload } = useRequest(
    () => api.get<Paged<VerificationRequest>>(`/api/v1/verifications${query({ status, page, pageSize })}`),
    [status, page, pageSize],
  );

  const decide = async (request: VerificationRequest, approve: boolean, reason?: string) => {
    try {
      await api.post(`/api/v1/verifications/${encodeURIComponent(request.id)}/decision`, { approve, ...(reason ? { reason } : {}) });
      message.success(t(approve ? 'review.approved' : 'review.rejected', { name: request.name }));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
      throw err;
    }
  };

  const mayDecide = can('verification.decide');
  return (
    <Card title={t('admin.verifications')}
      extra={<Segmented<Filter> value={status} onChange={(v) => { setStatus(v); setPage(1); }}
        options={(['pending', 'verified', 'rejected'] as const).map((s) => ({ value: s, label: t(VERIFICATION_STATUS[s].key) }))} />}>
      {error && <p className="error-text">{error.message}</p>}
      <Table<VerificationRequest>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: formatCount(n) }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        locale={{ emptyText: t(status === 'pending' ? 'review.emptyPending' : 'common.noData') }}
        columns={[
          { title: t('review.applicant'), dataIndex: 'name' },
          { title: t('verification.type'), dataIndex: 'type', render: (type: VerificationRequest['type']) => <Tag color={type === 'person' ? 'blue' : 'purple'}>{t(VERIFICATION_TYPE[type])}</Tag> },
          {
            title: t('review.document'), key: 'document',
            render: (_, r) => <span className="mono nowrap">{r.type === 'person' ? r.idNumberMasked : r.creditCode}</span>,
          },
          { title: t('verification.legalRepresentative'), dataIndex: 'legalRepresentative', render: (v: string | null) => v ?? '—' },
          { title: t('auth.phone'), dataIndex: 'phone' },
          { title: t('verification.submittedAt'), dataIndex: 'createdAt', render: formatDateTime },
          ...(status === 'rejected' ? [{ title: t('verification.reason'), dataIndex: 'reason' }] : []),
          ...(status !== 'pending' ? [{ title: t('verification.decidedAt'), dataIndex: 'decidedAt', render: formatDateTime }] : []),
          ...(status === 'pending' && mayDecide ? [{
            title: t('common.actions'), key: 'actions', fixed: 'right' as const, width: 160,
            render: (_: unknown, r: VerificationRequest) => {
              const own = r.userId === user?.id;
              const buttons = (
                <Space>
                  <Popconfirm title={t('review.approveConfirm', { name: r.name })} okText={t('review.approve')} cancelText={t('common.cancel')}
                    onConfirm={() => decide(r, true).catch(() => undefined)} disabled={own}>
                    <Button type="primary" size="small" disabled={own}>{t('review.approve')}</Button>
                  </Popconfirm>
                  <Button danger size="small" disabled={own} onClick={() => setRejecting(r)}>{t('review.reject')}</Button>
                </Space>
              );
              return own ? <Tooltip title={t('review.ownRequest')}>{buttons}</Tooltip> : buttons;
            },
          }] : []),
        ]}
      />
      <RejectModal request={rejecting} onCancel={() => setRejecting(null)}
        onReject={async (reason) => { await decide(rejecting!, false, reason); setRejecting(null); }} />
    </Card>
  );
}
