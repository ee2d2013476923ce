import { BankOutlined, MailOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Input, Pagination, Row, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageBanner } from '../components/PageBanner';
import { cityFirst, useDepartments } from '../departments';
import { formatCount } from '../format';
import { useI18n } from '../i18n';

/** Cards per page: fills whole rows of one, two or three columns. */
const PAGE_SIZE = 24;

/** 开放主体 directory: every department with its 专人专岗 contact, a page at a time. */
export function DepartmentsPage() {
  const { t } = useI18n();
  const { data, error, loading } = useDepartments();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const matching = cityFirst(data ?? []).filter((d) => !filter.trim() || d.name.includes(filter.trim()) || d.responsibleUnit.includes(filter.trim()));
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filterBy = (text: string) => { setFilter(text); setPage(1); };

  return (
    <>
      <PageBanner title={t('nav.departments')} subtitle={t('departments.subtitle')} crumbs={[{ title: t('nav.departments') }]} />
      <div className="container page-body">
        <div className="toolbar">
          <span className="toolbar-note">{data ? t('departments.count', { n: formatCount(data.length) }) : ''}</span>
          <Input.Search
            allowClear
            placeholder={t('departments.filter')}
            aria-label={t('departments.filter')}
            onChange={(e) => filterBy(e.target.value)}
            onSearch={filterBy}
            style={{ maxWidth: 320 }}
          />
        </div>
        {error && <Alert type="error" showIcon title={error.message} />}
        {loading && !data ? <Skeleton active paragraph={{ rows: 6 }} /> : shown.length === 0 ? <Card><Empty description={t('common.noData')} /></Card> : (
          <Row gutter={[20, 20]}>
            {shown.map((d) => (
              <Col xs={24} md={12} xl={8} key={d.id}>
                <Card
                  className="dept-card"
                  title={<Link to={`/departments/${d.id}`} className="dept-card-title"><BankOutlined /> {d.name}</Link>}
                  extra={<Tag color={d.kind === 'authority' ? 'blue' : 'cyan'}>{t(d.kind === 'authority' ? 'department.kindShort.authority' : 'department.kindShort.provider')}</Tag>}
                  actions={[<Link key="view" to={`/departments/${d.id}`}>{t('departments.view')}</Link>]}
                >
                  <p className="dept-card-unit">{t('department.responsibleUnit')}{t('common.colon')}{d.responsibleUnit}</p>
                  <p><UserOutlined /> {d.contact.person}</p>
                  <p><PhoneOutlined /> {d.contact.phone}</p>
                  <p><MailOutlined /> {d.contact.email}</p>
                </Card>
              </Col>
            ))}
          </Row>
        )}
        {matching.length > PAGE_SIZE && (
          <Pagination className="results-pager" current={page} pageSize={PAGE_SIZE} total={matching.length} showSizeChanger={false}
            showTotal={(n) => t('common.total', { n: formatCount(n) })} onChange={(p) => { setPage(p); window.scrollTo(0, 0); }} />
        )}
      </div>
    </>
  );
}
