import { Alert, Checkbox, Form, Typography } from 'antd';
import type { Pledge } from '../../applications';
import { useI18n } from '../../i18n';

/**
 * 安全承诺书: the current text in a scrollable box and the tick that accepts this version. When
 * the text cannot be read, nothing can be accepted, and the form cannot be submitted.
 */
export function PledgeField({ pledge, error }: { pledge: Pledge | undefined; error: Error | undefined }) {
  const { t } = useI18n();
  const title = pledge?.title || t('apply.pledge');
  return (
    <Form.Item label={t('apply.pledge')} required>
      {pledge ? (
        <>
          <Typography.Text type="secondary">{title} · {t('apply.pledgeVersion', { version: pledge.version })}</Typography.Text>
          <div className="licence-text pledge-text" tabIndex={0} role="document" aria-label={title}>{pledge.text}</div>
          <Form.Item name="pledgeAccepted" valuePropName="checked" noStyle
            rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('apply.pledgeRequired')))) }]}>
            <Checkbox>{t('apply.pledgeAgree')}</Checkbox>
          </Form.Item>
        </>
      ) : (
        <Alert type="error" showIcon title={t('apply.pledgeUnavailable', { message: error?.message ?? '' })} />
      )}
    </Form.Item>
  );
}

/** What the applicant still lacks for this entry, as the platform checked it; nothing when eligible. */
export function EligibilityNotice({ missing, error }: { missing: { code: string; message: string }[] | null; error: Error | undefined }) {
  const { t } = useI18n();
  if (error) return <Alert className="form-alert" type="info" showIcon title={t('apply.eligibilityUnavailable', { message: error.message })} />;
  if (!missing) return null;
  return (
    <Alert className="form-alert" type="warning" showIcon title={t('apply.notEligible')}
      description={<ul className="plain-list">{missing.map((m) => <li key={m.code}>{m.message}</li>)}</ul>} />
  );
}
