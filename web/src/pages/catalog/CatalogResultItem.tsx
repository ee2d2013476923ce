import { ApiOutlined, BankOutlined, CalendarOutlined, CloudDownloadOutlined, EyeOutlined, FieldTimeOutlined, TagsOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { frequencyName, OPEN_TYPE } from './labels';
import type { CatalogItem } from './types';

/** One search result, as the provincial portals list them: title, summary, facts, ways of access. */
export function CatalogResultItem({ item }: { item: CatalogItem }) {
  const { t } = useI18n();
  const open = OPEN_TYPE[item.openType];
  return (
    <article className="result-item">
      <div className="result-head">
        <Tag color={open?.color ?? 'default'} className="result-open">{open ? t(open.key) : item.openType}</Tag>
        <h2 className="result-title"><Link to={`/catalog/${encodeURIComponent(item.id)}`}>{item.title}</Link></h2>
      </div>
      <p className="result-summary">{item.summary || t('catalog.noSummary')}</p>
      <div className="result-meta">
        <span><BankOutlined /> {t('element.department')}{t('common.colon')}
          <Link to={`/catalog?department=${encodeURIComponent(item.department.id)}`}>{item.department.name}</Link></span>
        {item.domain && <span><TagsOutlined /> {t('element.domain')}{t('common.colon')}{item.domain}</span>}
        <span><FieldTimeOutlined /> {t('element.updateFrequency')}{t('common.colon')}{frequencyName(t, item.updateFrequency)}</span>
        <span><CalendarOutlined /> {t('catalog.updatedOn')}{t('common.colon')}{formatDate(item.updatedAt)}</span>
      </div>
      <div className="result-foot">
        <span className="result-access">
          {/* The ways of access and the formats are promises only when data stands behind them. */}
          {!item.hasData && <Tag variant="outlined">{t('catalog.noData')}</Tag>}
          {item.hasData && item.accessMethods.includes('data') && <Tag icon={<CloudDownloadOutlined />} color="blue" variant="outlined">{t('access.data')}</Tag>}
          {item.hasData && item.accessMethods.includes('api') && <Tag icon={<ApiOutlined />} color="purple" variant="outlined">{t('access.api')}</Tag>}
          {item.hasData && item.dataFormat && <span className="result-formats">{item.dataFormat.split(/[,，、/;；\s]+/).filter(Boolean).join(' · ')}</span>}
        </span>
        <span className="result-figures">
          <span title={t('figure.views')}><EyeOutlined /> {item.views}</span>
          <span title={t('figure.downloads')}><CloudDownloadOutlined /> {item.downloads}</span>
        </span>
      </div>
    </article>
  );
}
