import { Card, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { ApplicationDetail } from '../../applications';
import { useRequest } from '../../useRequest';
import { ApplicationCase } from '../applications/ApplicationCase';
import { StaffActions } from '../applications/StaffActions';

/** One application as the staff handle it: the same case, with the decisions the server allows them now. */
export function ApplicationConsolePage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useRequest(() => api.get<ApplicationDetail>(`/api/v1/applications/${encodeURIComponent(id)}`), [id]);
  if (error) return <Card><Typography.Text type="danger">{errorMessage(error)}</Typography.Text></Card>;
  if (!data) return <Card><Skeleton active /></Card>;
  return (
    <ApplicationCase app={data} backTo="/admin/applications">
      <StaffActions app={data} onDone={reload} />
    </ApplicationCase>
  );
}
