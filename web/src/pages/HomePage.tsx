import { ApiOutlined, AuditOutlined, BankOutlined, DatabaseOutlined, RightOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Statistic, Steps, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { HeroSearch } from '../components/HeroSearch';
import { Skyline } from '../components/Skyline';
import { cityFirst, useDepartments } from '../departments';
import { useI18n, type MessageKey } from '../i18n';
import { site } from '../site';
import { useCatalogTotal } from './catalog/useCatalogTotal';

interface Entry {
  icon: ReactNode;
  title: MessageKey;
  text: MessageKey;
  to: string;
  external?: boolean;
}

/** How many departments the home page shows; the directory has them all. */
const FEATURED_DEPARTMENTS = 12;

const ENTRIES: Entry[] = [
  { icon: <DatabaseOutlined />, title: 'home.entry.catalog', text: 'home.entry.catalogText', to: '/catalog' },
  { icon: <BankOutlined />, title: 'home.entry.departments', text: 'home.entry.departmentsText', to: '/departments' },
  { icon: <ApiOutlined />, title: 'home.entry.apiDocs', text: 'home.entry.apiDocsText', to: '/api/docs', external: true },
  { icon: <SafetyCertificateOutlined />, title: 'home.entry.verification', text: 'home.entry.verificationText', to: '/user/verification' },
];

export function HomePage() {
  const { lang, t } = useI18n();
  const { data: departments, error, loading } = useDepartments();
  const providers = departments?.filter((d) => d.kind === 'provider') ?? [];
  // 专人专岗: a named person a caller can reach, not a post or a switchboard alone.
  const withContact = departments?.filter((d) => d.contact.person.trim() && (d.contact.phone || d.contact.email)) ?? [];
  const featured = cityFirst(departments ?? []).slice(0, FEATURED_DEPARTMENTS);
  const catalog = useCatalogTotal();

  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <h1 className="hero-title">{site.platform[lang]}</h1>
          <p className="hero-slogan">{t('home.slogan')}</p>
          <HeroSearch />
        </div>
        <Skyline />
      </section>

      <section className="container figures" aria-label={t('home.figures')}>
        <Card variant="borderless" className="figures-card">
          <Row gutter={[24, 16]}>
            <Col xs={12} md={6}><Statistic title={t('home.figure.departments')} value={departments?.length ?? '—'} loading={loading} suffix={t('unit.count')} /></Col>
            <Col xs={12} md={6}><Statistic title={t('home.figure.providers')} value={departments ? providers.length : '—'} loading={loading} suffix={t('unit.count')} /></Col>
            <Col xs={12} md={6}><Statistic title={t('home.figure.contacts')} value={departments ? withContact.length : '—'} loading={loading} suffix={t('unit.count')} /></Col>
            <Col xs={12} md={6}><Link to="/catalog"><Statistic title={t('home.figure.catalog')} value={catalog.data ?? '—'} loading={catalog.loading} suffix={t('unit.count')} /></Link></Col>
          </Row>
        </Card>
      </section>

      <section className="container section">
        <div className="section-head"><h2>{t('home.services')}</h2></div>
        <Row gutter={[20, 20]}>
          {ENTRIES.map((entry) => {
            const body = (
              <Card hoverable className="entry-card">
                <div className="entry-icon">{entry.icon}</div>
                <div className="entry-title">{t(entry.title)}</div>
                <div className="entry-text">{t(entry.text)}</div>
              </Card>
            );
            return (
              <Col xs={24} sm={12} lg={6} key={entry.to}>
                {entry.external ? <a href={entry.to} target="_blank" rel="noopener noreferrer">{body}</a> : <Link to={entry.to}>{body}</Link>}
              </Col>
            );
          })}
        </Row>
      </section>

      <section className="container section">
        <div className="section-head">
          <h2>{t('home.departments')}</h2>
          <Link to="/departments">{t('common.more')} <RightOutlined /></Link>
        </div>
        {error && <Alert type="error" showIcon title={error.message} />}
        {loading && !departments ? <Skeleton active /> : (
          <Row gutter={[16, 16]}>
            {featured.map((d) => (
              <Col xs={24} sm={12} lg={8} xl={6} key={d.id}>
                <Link to={`/departments/${d.id}`} className={d.kind === 'authority' ? 'dept-tile dept-tile-authority' : 'dept-tile'}>
                  <BankOutlined className="dept-tile-icon" />
                  <span className="dept-tile-body">
                    <span className="dept-tile-name">{d.name}</span>
                    <span className="dept-tile-unit">
                      {d.kind === 'authority' && <Tag color="blue" className="dept-tile-tag">{t('department.kindShort.authority')}</Tag>}
                      {d.responsibleUnit}
                    </span>
                  </span>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </section>

      <section className="container section">
        <div className="section-head"><h2>{t('home.guide')}</h2></div>
        <Card variant="borderless">
          <Steps
            responsive
            items={[
              { title: t('home.step.register'), content: t('home.step.registerText'), icon: <AuditOutlined />, status: 'finish' },
              { title: t('home.step.verify'), content: t('home.step.verifyText'), icon: <SafetyCertificateOutlined />, status: 'finish' },
              { title: t('home.step.browse'), content: t('home.step.browseText'), icon: <DatabaseOutlined />, status: 'finish' },
              { title: t('home.step.api'), content: t('home.step.apiText'), icon: <ApiOutlined />, status: 'finish' },
            ]}
          />
        </Card>
      </section>
    </>
  );
}
