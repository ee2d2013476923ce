import { CodeOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { AccessPrompt } from './AccessPrompt';
import { useDataAccess } from './dataAccess';

interface Format {
  key: string;
  query: string;
  label: MessageKey;
  text: MessageKey;
  icon: ReactNode;
}

// What people open in Excel is headed with the 数据项's Chinese names; the rest with the field names the API uses.
const FORMATS: Format[] = [
  { key: 'csv-bom', query: 'format=csv&bom=1&header=title', label: 'download.csvExcel', text: 'download.csvExcelText', icon: <FileTextOutlined /> },
  { key: 'csv', query: 'format=csv', label: 'download.csv', text: 'download.csvText', icon: <FileTextOutlined /> },
  { key: 'xlsx', query: 'format=xlsx&header=title', label: 'download.xlsx', text: 'download.xlsxText', icon: <FileExcelOutlined /> },
  { key: 'json', query: 'format=json', label: 'download.json', text: 'download.jsonText', icon: <CodeOutlined /> },
  { key: 'xml', query: 'format=xml', label: 'download.xml', text: 'download.xmlText', icon: <CodeOutlined /> },
];

/** 数据下载: plain links the browser follows with its session cookie, once the reader may have the data. */
export function DownloadPanel({ resourceId }: { resourceId: string }) {
  const { t } = useI18n();
  const { state } = useDataAccess();
  if (state === 'loading') return <Skeleton active />;
  if (state !== 'ok') return <AccessPrompt step={state} />;
  const base = `/api/v1/resources/${encodeURIComponent(resourceId)}/download?`;
  return (
    <Row gutter={[16, 16]}>
      {FORMATS.map((f) => (
        <Col xs={24} sm={12} xl={8} key={f.key}>
          <Card size="small" className="download-card">
            <div className="download-icon">{f.icon}</div>
            <div className="download-body">
              <div className="download-title">{t(f.label)}</div>
              <div className="download-text">{t(f.text)}</div>
            </div>
            <Button type="primary" href={base + f.query} download aria-label={t('download.get', { format: t(f.label) })}>{t('download.button')}</Button>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
