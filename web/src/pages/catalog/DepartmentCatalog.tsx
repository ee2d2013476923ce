import { DatabaseOutlined, RightOutlined } from '@ant-design/icons';
import { Empty, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, query } from '../../api';
import { formatCount, formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { OPEN_TYPE } from './labels';
import type { CatalogSearchResult } from './types';

/** A department's most recently updated open data sets, with the way to all of them. */
export function DepartmentCatalog({ departmentId }: { departmentId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useRequest(
    () => api.get<CatalogSearchResult>(`/api/v1/catalog${query({ department: departmentId, sort: 'updated', pageSize: 6 })}`),
    [departmentId],
  );
  if (error) return <p className="error-text">{error.message}</p>;
  if (loading && !data) return <Skeleton active />;
  if (!data?.items.length) return <Empty image={<DatabaseOutlined className="empty-icon" />} description={t('department.noCatalog')} />;
  return (
    <div className="dept-catalog">
      <ul>
        {data.items.map((item) => (
          <li key={item.id}>
            <Link to={`/catalog/${encodeURIComponent(item.id)}`}>{item.title}</Link>
            <span className="dept-catalog-meta">
              <Tag color={OPEN_TYPE[item.openType]?.color}>{OPEN_TYPE[item.openType] ? t(OPEN_TYPE[item.openType].key) : item.openType}</Tag>
              {formatDate(item.updatedAt)}
            </span>
          </li>
        ))}
      </ul>
      <Link to={`/catalog?department=${encodeURIComponent(departmentId)}`} className="dept-catalog-all">
        {t('department.allCatalog', { n: formatCount(data.total) })} <RightOutlined />
      </Link>
    </div>
  );
}
