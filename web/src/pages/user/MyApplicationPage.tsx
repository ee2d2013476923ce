import { Alert, Card, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { ApplicationDetail } from '../../applications';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ApplicantActions } from '../applications/ApplicantActions';
import { ApplicationCase } from '../applications/ApplicationCase';

/** One of my applications: the steps, due date, form, agreement, timeline, and what I may do now. */
export default function MyApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error, reload } = useRequest(() => api.get<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(id)}`), [id]);
  if (error) return <Card><Typography.Text type="danger">{errorMessage(error)}</Typography.Text></Card>;
  if (!data) return <Card><Skeleton active /></Card>;
  const returned = data.status === 'returned';
  const reason = returned ? data.timeline.findLast((s) => s.reason)?.reason : undefined;
  const notice = returned
    ? <Alert className="section-gap" type="warning" showIcon title={t('apply.returnedHint')} description={reason} />
    : data.abilities.includes('sign') ? <Alert className="section-gap" type="info" showIcon title={t('apply.yourTurn')} /> : null;
  return (
    <ApplicationCase app={data} backTo="/user/applications" notice={notice}>
      <ApplicantActions app={data} onDone={reload} />
    </ApplicationCase>
  );
}
