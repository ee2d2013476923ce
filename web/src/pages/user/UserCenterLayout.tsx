import { BellOutlined, FileDoneOutlined, KeyOutlined, QuestionCircleOutlined, SafetyCertificateOutlined, SolutionOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Menu, Row, Tag } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../../auth';
import { Loading } from '../../components/Loading';
import { PageBanner } from '../../components/PageBanner';
import { useI18n } from '../../i18n';
import { VERIFICATION_STATUS } from '../../labels';

/** 个人中心: the account card and its sections on the left, the section on the right. */
export default function UserCenterLayout() {
  const { user } = useAuth();
  const { t } = useI18n();
  const { pathname } = useLocation();
  if (!user) return null;
  const status = VERIFICATION_STATUS[user.verification.status];

  const items = [
    { key: '/user', icon: <UserOutlined />, label: <Link to="/user">{t('user.profile')}</Link> },
    { key: '/user/verification', icon: <SafetyCertificateOutlined />, label: <Link to="/user/verification">{t('user.verification')}</Link> },
    { key: '/user/api-keys', icon: <KeyOutlined />, label: <Link to="/user/api-keys">{t('user.apiKeys')}</Link> },
    { key: '/user/consultations', icon: <QuestionCircleOutlined />, label: <Link to="/user/consultations">{t('consult.mine')}</Link> },
    { key: '/user/applications', icon: <SolutionOutlined />, label: <Link to="/user/applications">{t('apply.mine')}</Link> },
    { key: '/user/grants', icon: <FileDoneOutlined />, label: <Link to="/user/grants">{t('grant.mine')}</Link> },
    { key: '/user/notifications', icon: <BellOutlined />, label: <Link to="/user/notifications">{t('notify.title')}</Link> },
  ];

  return (
    <>
      <PageBanner title={t('nav.userCenter')} subtitle={t('user.subtitle')} crumbs={[{ title: t('nav.userCenter') }]} />
      <div className="container page-body">
        <Row gutter={[20, 20]}>
          <Col xs={24} md={7} lg={6}>
            <Card className="user-side">
              <div className="user-side-head">
                <Avatar size={56} icon={<UserOutlined />} className="user-side-avatar" />
                <div className="user-side-name">{user.displayName}</div>
                <Tag color={status.color}>{t(status.key)}</Tag>
              </div>
              <nav aria-label={t('nav.userCenter')}>
                <Menu mode="inline" selectedKeys={[pathname.replace(/\/$/, '').replace(/^(\/user\/(?:consultations|applications))\/.+$/, '$1')]} items={items} className="user-side-menu" />
              </nav>
            </Card>
          </Col>
          <Col xs={24} md={17} lg={18}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Col>
        </Row>
      </div>
    </>
  );
}
