import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { Grant } from '../../applications';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { GrantStatusTag, GrantUse } from '../applications/GrantStatusTag';
import { GrantReports } from '../applications/GrantReports';
import { OutcomeTag } from '../applications/OutcomeTag';
import { PartyName } from '../applications/PartyName';
import { ReasonModal } from './ReasonModal';

type Change = 'suspend' | 'revoke';

/**
 * 授权管理 (六.(五)): every grant for the authority, its own data's for a department; those the
 * policy allows suspend, resume or revoke one, with a reason the grantee reads. The server decides
 * again and its refusal is shown as it says it.
 */
export function GrantsConsolePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, loading, reload } = useRequest(() => api.get<{ items: Grant[] }>('/api/v1/grants'), []);
  const [asking, setAsking] = useState<{ grant: Grant; change: Change } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayChange = (data?.items ?? []).some((g) => g.abilities.length > 0);

  const act = async (grant: Grant, action: Change | 'resume', reason?: string) => {
    setBusy(grant.id);
    try {
      await api.post(`/api/v1/grants/${encodeURIComponent(grant.id)}/${action}`, reason ? { reason } : undefined);
      message.success(t('grant.done'));
      setAsking(null);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
      if (reason) throw err;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('grant.console')}>
      <Table<Grant> rowKey="id" loading={loading} dataSource={data?.items ?? []} scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (g) => <GrantReports grant={g} mine={false} /> }}
        columns={[
          {
            title: t('grant.entry'), key: 'entry',
            render: (_, g) => (
              <>
                <Link to={`/catalog/${encodeURIComponent(g.entryId)}`}>{g.entryTitle || g.entryId}</Link>
                <div><Link to={`/admin/applications/${encodeURIComponent(g.applicationId)}`} className="muted">{t('grant.application')}</Link></div>
              </>
            ),
          },
          { title: t('grant.grantee'), key: 'grantee', render: (_, g) => <PartyName party={g.grantee} /> },
          { title: t('grant.fields'), key: 'fields', render: (_, g) => <Space size={[4, 4]} wrap>{g.fields.map((f) => <Tag key={f}>{g.fieldTitles[f] ?? f}</Tag>)}</Space> },
          { title: t('grant.period'), key: 'period', render: (_, g) => `${formatDate(g.startsAt)} ~ ${formatDate(g.endsAt)}` },
          { title: t('grant.status'), key: 'status', render: (_, g) => <GrantStatusTag grant={g} /> },
          { title: t('grant.use'), key: 'use', render: (_, g) => <GrantUse use={g.use} /> },
          { title: t('outcome.column'), key: 'outcome', render: (_, g) => <OutcomeTag grant={g} /> },
          ...(mayChange ? [{
            title: t('common.actions'), key: 'actions',
            render: (_: unknown, g: Grant) => (
              <Space wrap>
                {g.abilities.includes('suspend') && (
                  <Button size="small" disabled={busy === g.id} onClick={() => setAsking({ grant: g, change: 'suspend' })}>{t('grant.suspend')}</Button>
                )}
                {g.abilities.includes('resume') && (
                  <Popconfirm title={t('grant.resumeConfirm')} okText={t('grant.resume')} cancelText={t('common.cancel')} onConfirm={() => act(g, 'resume')}>
                    <Button size="small" loading={busy === g.id}>{t('grant.resume')}</Button>
                  </Popconfirm>
                )}
                {g.abilities.includes('revoke') && (
                  <Button size="small" danger disabled={busy === g.id} onClick={() => setAsking({ grant: g, change: 'revoke' })}>{t('grant.revoke')}</Button>
                )}
              </Space>
            ),
          }] : []),
        ]} />
      <ReasonModal open={asking !== null}
        title={asking ? t(asking.change === 'revoke' ? 'grant.revokeTitle' : 'grant.suspendTitle', { title: asking.grant.entryTitle }) : ''}
        okText={t(asking?.change === 'revoke' ? 'grant.revoke' : 'grant.suspend')}
        placeholder={t(asking?.change === 'revoke' ? 'grant.revokePlaceholder' : 'grant.suspendPlaceholder')}
        onCancel={() => setAsking(null)} onSubmit={(reason) => act(asking!.grant, asking!.change, reason)} />
    </Card>
  );
}
