import { DatabaseOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PageBanner } from '../components/PageBanner';
import { useI18n } from '../i18n';

/** The catalog arrives in a later release; until then searches land here. */
export function CatalogPlaceholderPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const q = params.get('q');
  return (
    <>
      <PageBanner title={t('nav.catalog')} subtitle={t('catalog.subtitle')} crumbs={[{ title: t('nav.catalog') }]} />
      <div className="container page-body">
        <Card>
          <Result
            icon={<DatabaseOutlined className="result-icon" />}
            title={t('catalog.comingSoon')}
            subTitle={q ? t('catalog.searchedFor', { q }) : t('catalog.comingSoonText')}
            extra={
              <Space wrap>
                <Link to="/departments"><Button type="primary">{t('catalog.browseDepartments')}</Button></Link>
                <a href="/api/docs" target="_blank" rel="noopener noreferrer"><Button>{t('nav.apiDocs')}</Button></a>
              </Space>
            }
          />
        </Card>
      </div>
    </>
  );
}
