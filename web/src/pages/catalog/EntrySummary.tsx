import { ApiOutlined, CloudDownloadOutlined, DatabaseOutlined, EyeOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tag } from 'antd';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { accessMethodName, frequencyName, OPEN_TYPE } from './labels';
import type { CatalogEntry } from './types';

/** The entry at a glance: its open attribute, frequency and domain, summary, and its figures. */
export function EntrySummary({ entry }: { entry: CatalogEntry }) {
  const { t } = useI18n();
  const open = OPEN_TYPE[entry.openType];
  const rows = entry.resources.reduce((n, r) => n + (r.rowCount ?? 0), 0);
  return (
    <Card className="entry-summary" variant="borderless">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} lg={15}>
          <div className="entry-tags">
            <Tag color={open.color}>{t(open.key)}</Tag>
            <Tag color="blue">{frequencyName(t, entry.updateFrequency)}</Tag>
            {entry.domain && <Tag color="geekblue">{entry.domain}</Tag>}
            {entry.accessMethods.map((m) => <Tag key={m} icon={m === 'api' ? <ApiOutlined /> : <CloudDownloadOutlined />} variant="outlined" color="purple">{accessMethodName(t, m)}</Tag>)}
          </div>
          <p className="entry-summary-text">{entry.summary || t('catalog.noSummary')}</p>
          <div className="entry-dates">
            <span className="nowrap">{t('element.updatedAt')}{t('common.colon')}{formatDate(entry.updatedAt)}</span>
            <span className="sep">|</span>
            <span className="nowrap">{t('element.lastDataUpdate')}{t('common.colon')}{formatDate(entry.lastDataUpdate)}</span>
          </div>
        </Col>
        <Col xs={24} lg={9}>
          <Row gutter={[8, 8]} className="entry-figures">
            <Col span={12}><Statistic title={t('figure.views')} value={entry.views} prefix={<EyeOutlined />} /></Col>
            <Col span={12}><Statistic title={t('figure.downloads')} value={entry.downloads} prefix={<CloudDownloadOutlined />} /></Col>
            <Col span={12}><Statistic title={t('figure.apiCalls')} value={entry.apiCalls} prefix={<ApiOutlined />} /></Col>
            <Col span={12}><Statistic title={t('figure.rows')} value={rows} prefix={<DatabaseOutlined />} /></Col>
          </Row>
        </Col>
      </Row>
    </Card>
  );
}
