import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { ConsultationDetail } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ConsultationStatus, dueText } from '../consult/ConsultationStatus';
import { CaseTimeline } from '../../components/CaseTimeline';

/** One of my questions: where it stands, its timeline, the answer, and withdrawing it while open. */
export default function MyConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { data, error, reload } = useRequest(() => api.get<ConsultationDetail>(`/api/v1/consultations/${encodeURIComponent(id)}`), [id]);

  const withdraw = async () => {
    setBusy(true);
    try {
      await api.post(`/api/v1/consultations/${encodeURIComponent(id)}/withdraw`, {});
      message.success(t('consult.withdrawn'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Card><Typography.Text type="danger">{errorMessage(error)}</Typography.Text></Card>;
  if (!data) return <Card><Skeleton active /></Card>;
  return (
    <Card title={data.title} extra={<Link to="/user/consultations">{t('common.back')}</Link>}>
      <Descriptions column={1} bordered size="small" items={[
        { key: 'status', label: t('consult.status'), children: <ConsultationStatus item={data} /> },
        { key: 'due', label: t('consult.dueAt'), children: dueText(data) },
        { key: 'asked', label: t('consult.askedAt'), children: formatDateTime(data.askedAt) },
        { key: 'content', label: t('consult.content'), children: <Typography.Paragraph className="pre-wrap">{data.content}</Typography.Paragraph> },
        { key: 'reply', label: t('consult.reply'), children: data.reply
          ? <><Typography.Paragraph className="pre-wrap">{data.reply.content}</Typography.Paragraph><Typography.Text type="secondary">{formatDateTime(data.reply.at)}</Typography.Text></>
          : t('consult.noReply') },
      ]} />
      <Typography.Title level={5} className="section-gap">{t('consult.timeline')}</Typography.Title>
      <CaseTimeline steps={data.timeline} />
      {data.abilities.includes('withdraw') && (
        <Popconfirm title={t('consult.withdrawConfirm')} onConfirm={withdraw} okText={t('consult.withdraw')} cancelText={t('common.cancel')}>
          <Button danger loading={busy}>{t('consult.withdraw')}</Button>
        </Popconfirm>
      )}
    </Card>
  );
}
