import { Alert, Col, Row, Skeleton, Typography } from 'antd';
import { api } from '../../../api';
import { formatCount } from '../../../format';
import { useI18n } from '../../../i18n';
import { useRequest } from '../../../useRequest';
import type { DataItem, ResourceStats } from '../types';
import { FieldStatsCard } from './FieldStatsCard';

/** 统计分析 of a resource, one card per field; loaded on demand with its charting library. */
export default function StatsPanel({ resourceId, items }: { resourceId: string; items: DataItem[] }) {
  const { t } = useI18n();
  const { data, error, loading } = useRequest(() => api.get<ResourceStats>(`/api/v1/resources/${encodeURIComponent(resourceId)}/stats`), [resourceId]);
  if (error) return <Alert type="warning" showIcon title={error.message} />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!data) return null;
  const byName = new Map(items.map((i) => [i.name, i]));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('stats.summary', { version: data.version, rows: formatCount(data.rowCount), fields: data.fields.length })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {data.fields.map((f) => (
          <Col xs={24} lg={12} key={f.name}><FieldStatsCard stats={f} item={byName.get(f.name)} /></Col>
        ))}
      </Row>
    </>
  );
}
