import { Card, Col, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { roleName } from '../../labels';
import { useRoleLabels } from '../../roles';
import { mayOpen, SECTIONS } from './menu';

/** 工作台: who you are here and the sections you may open. */
export function AdminHomePage() {
  const { user, can } = useAuth();
  const { lang, t } = useI18n();
  const { data: roleLabels } = useRoleLabels();
  if (!user) return null;
  const sections = SECTIONS.filter((s) => mayOpen(s, can));

  return (
    <>
      <Card className="admin-welcome">
        <Typography.Title level={3}>{t('admin.welcome', { name: user.displayName })}</Typography.Title>
        <div>
          {user.department && <Tag color="geekblue">{user.department.name}</Tag>}
          {user.roles.filter((r) => r !== 'user').map((r) => <Tag key={r} color="blue">{roleName(roleLabels, r, lang)}</Tag>)}
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        {sections.map((s) => (
          <Col xs={24} md={12} xl={8} key={s.path}>
            <Link to={`/admin/${s.path}`}>
              <Card hoverable className="admin-tile">
                <span className="admin-tile-icon">{s.icon}</span>
                <span>
                  <span className="admin-tile-title">{t(s.label)}</span>
                  <span className="admin-tile-text">{t(s.description)}</span>
                </span>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
