import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage, query } from '../../api';
import { formatCount, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { AuditEntry, AuditVerifyResult, Paged } from '../../types';
import { useRequest } from '../../useRequest';
import { AUDIT_ACTIONS } from './auditActions';

/** A row's detail as “key: value” pairs when it is a JSON object (as the server records them), else as recorded. */
function readable(detail: string): string {
  try {
    const parsed: unknown = JSON.parse(detail);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('；');
    }
  } catch {
    // not JSON: shown as recorded
  }
  return detail;
}

/** 审计日志: newest first, filterable by action, with a check of the whole hash chain. */
export function AuditPage() {
  const { t } = useI18n();
  const [action, setAction] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [verifying, setVerifying] = useState(false);
  const [check, setCheck] = useState<AuditVerifyResult | { error: string } | null>(null);
  const { data, loading, error } = useRequest(
    () => api.get<Paged<AuditEntry>>(`/api/v1/audit${query({ action, page, pageSize })}`),
    [action, page, pageSize],
  );

  const verify = async () => {
    setVerifying(true);
    try {
      setCheck(await api.get<AuditVerifyResult>('/api/v1/audit/verify'));
    } catch (err) {
      setCheck({ error: errorMessage(err) });
    } finally {
      setVerifying(false);
    }
  };

  const label = (a: string) => (AUDIT_ACTIONS[a] ? t(AUDIT_ACTIONS[a]) : a);
  return (
    <Card title={t('admin.audit')}
      extra={<Button type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={verify}>{t('audit.verify')}</Button>}>
      {check && ('error' in check
        ? <Alert className="form-alert" type="error" showIcon title={check.error} />
        : check.intact
          ? <Alert className="form-alert" type="success" showIcon title={t('audit.intact')} description={<>
              {t('audit.algorithm', { algorithm: check.algorithm.toUpperCase() })}
              {check.head && <div>{t('audit.head')}<Typography.Text className="mono" copyable>{`${check.head.seq}:${check.head.hash}`}</Typography.Text></div>}
            </>} />
          : <Alert className="form-alert" type="error" showIcon title={t('audit.broken', { seq: check.firstBroken?.seq ?? '?' })}
              description={`${check.firstBroken?.reason ?? ''} · ${t('audit.algorithm', { algorithm: check.algorithm.toUpperCase() })}`} />)}
      <Space wrap className="table-toolbar">
        <Select allowClear placeholder={t('audit.actionFilter')} aria-label={t('audit.actionFilter')} style={{ width: 240 }} value={action}
          onChange={(v?: string) => { setAction(v); setPage(1); }}
          options={Object.keys(AUDIT_ACTIONS).map((a) => ({ value: a, label: label(a) }))} />
      </Space>
      {error && <p className="error-text">{error.message}</p>}
      <Table<AuditEntry>
        rowKey="seq"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: formatCount(n) }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', width: 140, render: formatDateTime },
          { title: t('audit.action'), dataIndex: 'action', width: 130, render: (a: string) => <Tooltip title={a}>{label(a)}</Tooltip> },
          {
            title: t('audit.actor'), dataIndex: 'actor_id', width: 150,
            render: (id: string | null, e) => {
              if (!id) return '—';
              const who = e.actor ? `${e.actor.name || e.actor.phone}${e.actor.name ? ` ${e.actor.phone}` : ''}` : id.slice(0, 8);
              return <Tooltip title={id}><Typography.Text copyable={{ text: id }}>{who}</Typography.Text></Tooltip>;
            },
          },
          { title: t('audit.target'), dataIndex: 'target', width: 120, render: (v: string | null) => (v ? <Typography.Text className="mono" ellipsis={{ tooltip: v }} style={{ maxWidth: 100 }}>{v}</Typography.Text> : '—') },
          { title: 'IP', dataIndex: 'ip', width: 120 },
          {
            title: t('audit.outcome'), dataIndex: 'outcome', width: 110,
            render: (o: AuditEntry['outcome'], e) => (
              <Tooltip title={e.status_code ? `HTTP ${e.status_code}` : undefined}>
                <Tag color={o === 'success' ? 'success' : 'error'}>{t(o === 'success' ? 'audit.success' : 'audit.failure')}</Tag>
              </Tooltip>
            ),
          },
          { title: t('audit.detail'), dataIndex: 'detail', render: (v: string | null) => (v ? <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 180 }}>{readable(v)}</Typography.Text> : '—') },
          { title: t('audit.hash'), dataIndex: 'hash', width: 140, render: (h: string) => <Typography.Text className="mono" copyable={{ text: h }}>{h.slice(0, 12)}…</Typography.Text> },
        ]}
      />
    </Card>
  );
}
