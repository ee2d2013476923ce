import { Card, Descriptions, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { ConsultationDetail } from '../../consultations';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ConsultationStatus, dueText } from '../consult/ConsultationStatus';
import { CaseTimeline } from '../../components/CaseTimeline';
import { ConsultationActions } from './ConsultationActions';

/** One question as the staff handle it: the question, its due date, timeline and the allowed actions. */
export function ConsultationConsolePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error, reload } = useRequest(() => api.get<ConsultationDetail>(`/api/v1/consultations/${encodeURIComponent(id)}`), [id]);
  if (error) return <Card><Typography.Text type="danger">{errorMessage(error)}</Typography.Text></Card>;
  if (!data) return <Card><Skeleton active /></Card>;
  return (
    <Card title={data.title} extra={<Link to="/admin/consultations">{t('common.back')}</Link>}>
      <Descriptions column={1} bordered size="small" items={[
        { key: 'status', label: t('consult.status'), children: <ConsultationStatus item={data} /> },
        { key: 'due', label: t('consult.dueAt'), children: dueText(data) },
        { key: 'asked', label: t('consult.askedAt'), children: formatDateTime(data.askedAt) },
        ...(data.entryId ? [{ key: 'entry', label: t('consult.entry'), children: <Link to={`/catalog/${encodeURIComponent(data.entryId)}`}>{data.entryTitle ?? data.entryId}</Link> }] : []),
        { key: 'content', label: t('consult.content'), children: <Typography.Paragraph className="pre-wrap">{data.content}</Typography.Paragraph> },
        ...(data.reply ? [{ key: 'reply', label: t('consult.reply'), children: <Typography.Paragraph className="pre-wrap">{data.reply.content}</Typography.Paragraph> }] : []),
      ]} />
      <Typography.Title level={5} className="section-gap">{t('consult.timeline')}</Typography.Title>
      <CaseTimeline steps={data.timeline} />
      <ConsultationActions id={data.id} abilities={data.abilities} onDone={(action) => (action === 'return' ? navigate('/admin/consultations') : reload())} />
    </Card>
  );
}
