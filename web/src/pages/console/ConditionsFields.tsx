import { Alert, Checkbox, Col, Form, Radio, Select } from 'antd';
import { useI18n } from '../../i18n';
import { labelOf, useCatalogOptions } from '../catalog/options';
import type { ApplicantType } from '../catalog/types';

/**
 * 申请条件 of a restricted entry: the same for every applicant (不得设定歧视性条件), so only levels,
 * kinds and capabilities can be set, never a person. Reviewed by the authority with the entry.
 */
export function ConditionsFields() {
  const { t, lang } = useI18n();
  const { data: options } = useCatalogOptions();
  return (
    <>
      <Col span={24}>
        <Alert className="form-alert" type="info" showIcon title={t('entryForm.conditionsFair')} />
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['conditions', 'minCreditLevel']} label={t('conditions.minCreditLevel')} extra={t('entryForm.creditHint')}>
          <Select aria-label={t('conditions.minCreditLevel')}
            options={(options?.creditLevels ?? ['A', 'B', 'C', 'D']).map((level) => ({ value: level, label: t('conditions.creditLevelOrAbove', { level }) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name={['conditions', 'applicantType']} label={t('conditions.applicantType')}>
          <Radio.Group options={(['either', 'organization', 'person'] as ApplicantType[]).map((type) => ({ value: type, label: labelOf(lang, options?.applicantTypes, type) }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['conditions', 'capabilities']} label={t('conditions.capabilities')} extra={t('entryForm.capabilitiesHint')}>
          <Checkbox.Group className="capability-choices"
            options={Object.keys(options?.securityCapabilities ?? {}).map((code) => ({ value: code, label: labelOf(lang, options?.securityCapabilities, code) }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['conditions', 'downloadAllowed']} valuePropName="checked">
          <Checkbox>{t('conditions.downloadAllowed')}</Checkbox>
        </Form.Item>
      </Col>
    </>
  );
}
