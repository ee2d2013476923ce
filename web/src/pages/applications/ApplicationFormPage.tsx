import { Alert, Button, Card, Result, Skeleton, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { ApplicationDetail, Eligibility, Pledge } from '../../applications';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { ApplicationForm } from './ApplicationForm';
import { useEntry } from './entry';
import { EligibilityNotice } from './PledgeField';

function Failed({ error }: { error: Error }) {
  return <Card><Typography.Text type="danger">{errorMessage(error)}</Typography.Text></Card>;
}

/**
 * /user/applications/new?entry=<id> starts an application for a restricted entry;
 * /user/applications/:id/edit resumes a draft or amends one returned for supplement.
 */
export default function ApplicationFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const [params] = useSearchParams();
  const app = useRequest(() => (id ? api.get<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(id)}`) : Promise.resolve(undefined)), [id]);
  const entryId = id ? app.data?.entryId : params.get('entry') ?? undefined;
  const entry = useEntry(entryId);
  const pledge = useRequest(() => api.get<Pledge>('/api/v1/pledge'), []);
  const eligibility = useRequest(
    () => (entryId ? api.get<Eligibility>(`/api/v1/catalog/${encodeURIComponent(entryId)}/eligibility`) : Promise.resolve(undefined)),
    [entryId],
  );

  const title = t(id ? 'apply.editTitle' : 'apply.title');
  if (!id && !entryId) {
    return <Card title={title}><Result status="info" title={t('apply.noEntry')} extra={<Link to="/catalog?openType=restricted"><Button type="primary">{t('apply.browse')}</Button></Link>} /></Card>;
  }
  if (app.error) return <Failed error={app.error} />;
  if (entry.error) return <Failed error={entry.error} />;
  const loading = !entry.data || (id && !app.data) || pledge.loading || eligibility.loading;
  if (loading || !entry.data) return <Card title={title}><Skeleton active paragraph={{ rows: 10 }} /></Card>;

  const back = id ? `/user/applications/${encodeURIComponent(id)}` : `/catalog/${encodeURIComponent(entry.data.id)}`;
  let body;
  if (entry.data.openType !== 'restricted') body = <Alert type="warning" showIcon title={t('apply.notRestricted')} />;
  else if (app.data && !app.data.abilities.includes('amend')) body = <Alert type="info" showIcon title={t('apply.notAmendable')} />;
  else {
    body = (
      <>
        <EligibilityNotice missing={eligibility.data && !eligibility.data.eligible ? eligibility.data.missing : null} error={eligibility.error} />
        <ApplicationForm entry={entry.data} app={app.data} pledge={pledge.data} pledgeError={pledge.error} />
      </>
    );
  }
  return (
    <Card title={title} extra={<Link to={back}>{t('common.back')}</Link>}>
      <Typography.Paragraph type="secondary">{t('apply.subtitle')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
