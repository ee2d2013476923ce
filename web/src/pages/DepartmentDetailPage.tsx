import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { PageBanner } from '../components/PageBanner';
import { DepartmentCatalog } from './catalog/DepartmentCatalog';
import { useI18n } from '../i18n';
import type { Department } from '../types';
import { useRequest } from '../useRequest';

/** One department: its responsible office and the named contact for its open data. */
export function DepartmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data: d, error, loading } = useRequest(() => api.get<Department>(`/api/v1/departments/${encodeURIComponent(id)}`), [id]);

  return (
    <>
      <PageBanner
        title={d?.name ?? t('nav.departments')}
        subtitle={d ? t(d.kind === 'authority' ? 'department.kind.authority' : 'department.kind.provider') : undefined}
        crumbs={[{ title: t('nav.departments'), to: '/departments' }, ...(d ? [{ title: d.name }] : [])]}
      />
      <div className="container page-body">
        {error && <Alert type="error" showIcon title={error.message} action={<Link to="/departments"><Button size="small">{t('common.back')}</Button></Link>} />}
        {loading && !d && <Card><Skeleton active /></Card>}
        {d && (
          <Row gutter={[20, 20]}>
            <Col xs={24} lg={16}>
              <Card title={t('department.info')} extra={<Link to="/departments"><ArrowLeftOutlined /> {t('common.back')}</Link>}>
                <Descriptions column={1} bordered size="middle" styles={{ label: { width: 160 } }}
                  items={[
                    { key: 'name', label: t('department.name'), children: <>{d.name} <Tag color={d.kind === 'authority' ? 'blue' : 'cyan'}>{t(d.kind === 'authority' ? 'department.kind.authority' : 'department.kind.provider')}</Tag></> },
                    { key: 'unit', label: t('department.responsibleUnit'), children: d.responsibleUnit },
                    { key: 'person', label: t('department.contactPerson'), children: <>{d.contact.person} <Tag>{t('department.dedicated')}</Tag></> },
                    { key: 'phone', label: t('department.contactPhone'), children: <a href={`tel:${d.contact.phone}`}>{d.contact.phone}</a> },
                    { key: 'email', label: t('department.contactEmail'), children: <a href={`mailto:${d.contact.email}`}>{d.contact.email}</a> },
                    { key: 'address', label: t('department.address'), children: d.address || '—' },
                    { key: 'description', label: t('department.description'), children: <span className="pre-wrap">{d.description || '—'}</span> },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('department.openData')}>
                <DepartmentCatalog departmentId={d.id} />
              </Card>
            </Col>
          </Row>
        )}
      </div>
    </>
  );
}
