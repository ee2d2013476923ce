import { CheckCircleOutlined, ExclamationCircleOutlined, FileProtectOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { useRequest } from '../../useRequest';
import { applicationPath } from './AccessPrompt';
import { ConditionsView } from './ConditionsView';
import { labelOf, useCatalogOptions } from './options';
import { useDataAccess } from './dataAccess';
import { SampleDownload } from './SampleDownload';
import type { CatalogEntry, Eligibility } from './types';

/** What the server says the reader lacks, and what they will declare in the application. */
function EligibilityView({ check }: { check: Eligibility }) {
  const { t, lang } = useI18n();
  const { data: options } = useCatalogOptions();
  const blocking = check.missing.filter((m) => m.blocks.includes('application'));
  return (
    <>
      {blocking.length === 0
        ? <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('restricted.eligible')} />
        : <Alert type="warning" showIcon icon={<ExclamationCircleOutlined />} title={t('restricted.notEligible')}
            description={<ul className="eligibility-missing">{blocking.map((m) => <li key={m.code}>{m.message}</li>)}</ul>} />}
      {check.declare.length > 0 && (
        <div className="eligibility-declare">
          <div className="muted">{t('restricted.declare')}</div>
          <ul>{check.declare.map((d) => <li key={d.code}>{labelOf(lang, options?.securityCapabilities, d.code)}</li>)}</ul>
        </div>
      )}
    </>
  );
}

/**
 * 受限开放 (rule 二.2), shown to everyone: the conditions (the same for every applicant), the
 * 数据项 that may be requested, the masked sample for verified users who accepted the licence,
 * what the reader still lacks, and 申请使用.
 */
export function RestrictedPanel({ entry }: { entry: CatalogEntry }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { state, askLicence, generation } = useDataAccess();
  const { data: check, loading } = useRequest(
    () => (user ? api.get<Eligibility>(`/api/v1/catalog/${encodeURIComponent(entry.id)}/eligibility`) : Promise.resolve(undefined)),
    [entry.id, user?.id, generation],
  );
  const requestable = entry.fields.filter((f) => f.requestable);
  const tables = entry.resources.filter((r) => r.kind === 'table' && r.currentVersion !== null);
  const apply = applicationPath(entry.id);
  const codes = new Set(check?.missing.map((m) => m.code));
  // The entry's own staff read the data itself (state 'ok'); everyone else takes the sample.
  const sampleAllowed = state === 'ok' || check?.sampleAllowed === true;

  const applyButton = !user ? (
    <Link to={`/login?next=${encodeURIComponent(apply)}`}><Button type="primary" icon={<FormOutlined />}>{t('restricted.apply')}</Button></Link>
  ) : check?.eligible ? (
    <Link to={apply}><Button type="primary" icon={<FormOutlined />}>{t('restricted.apply')}</Button></Link>
  ) : (
    <Tooltip title={t('restricted.applyBlocked')}><Button type="primary" icon={<FormOutlined />} disabled>{t('restricted.apply')}</Button></Tooltip>
  );

  const sample = tables.length === 0 ? <p className="muted">{t('restricted.noSample')}</p>
    : !user ? <p className="muted">{t('restricted.sampleSignIn')}</p>
      : sampleAllowed ? tables.map((r) => <SampleDownload key={r.id} resource={r} showName={tables.length > 1} />)
        : codes.has('LICENCE_REQUIRED') ? <Button icon={<FileProtectOutlined />} onClick={askLicence}>{t('access.readLicence')}</Button>
          : codes.has('VERIFICATION_REQUIRED') ? <Link to="/user/verification"><Button>{t('access.verify')}</Button></Link>
            : null;

  return (
    <Card className="dataset-section restricted-panel" title={t('restricted.title')} extra={applyButton}>
      <Row gutter={[32, 16]}>
        <Col xs={24} lg={14}>
          <h4 className="panel-heading">{t('restricted.conditions')}</h4>
          <ConditionsView conditions={entry.conditions} text={entry.openConditions} />
          <h4 className="panel-heading">{t('restricted.requestable')}</h4>
          {requestable.length
            ? <div className="requestable-items">{requestable.map((f) => <Tag key={f.name}>{f.title || f.name}</Tag>)}</div>
            : <span className="muted">{t('fields.none')}</span>}
          <p className="muted restricted-process">{t('restricted.process')}</p>
        </Col>
        <Col xs={24} lg={10}>
          <h4 className="panel-heading">{t('restricted.yourStatus')}</h4>
          {!user ? <Alert type="info" showIcon title={t('restricted.signIn')}
            action={<Link to={`/login?next=${encodeURIComponent(`/catalog/${entry.id}`)}`}><Button type="primary">{t('nav.login')}</Button></Link>} />
            : loading && !check ? <Skeleton active paragraph={{ rows: 2 }} /> : check && <EligibilityView check={check} />}
          <h4 className="panel-heading">{t('restricted.sample')}</h4>
          <p className="muted">{t('restricted.sampleText')}</p>
          {sample}
        </Col>
      </Row>
    </Card>
  );
}
