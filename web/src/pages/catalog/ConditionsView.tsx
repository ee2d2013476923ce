import { CheckCircleOutlined } from '@ant-design/icons';
import { Descriptions, Tag } from 'antd';
import { useI18n, type Lang, type Translate } from '../../i18n';
import { labelOf, useCatalogOptions } from './options';
import type { CatalogOptions, RestrictedConditions } from './types';

/** A restricted entry's structured conditions: credit level, who may apply, the capabilities to declare. */
export function ConditionsView({ conditions, text }: { conditions: RestrictedConditions | null; text?: string }) {
  const { t, lang } = useI18n();
  const { data: options } = useCatalogOptions();
  if (!conditions) return <span className="muted">{t('conditions.notSet')}</span>;
  return (
    <Descriptions size="small" column={1} styles={{ label: { width: 120 } }} className="conditions-view" items={[
      { key: 'credit', label: t('conditions.minCreditLevel'), children: t('conditions.creditLevelOrAbove', { level: conditions.minCreditLevel }) },
      { key: 'type', label: t('conditions.applicantType'), children: labelOf(lang, options?.applicantTypes, conditions.applicantType) },
      {
        key: 'capabilities', label: t('conditions.capabilities'),
        children: conditions.capabilities.length ? (
          <ul className="conditions-capabilities">
            {conditions.capabilities.map((code) => <li key={code}><CheckCircleOutlined /> {labelOf(lang, options?.securityCapabilities, code)}</li>)}
          </ul>
        ) : <Tag>{t('conditions.noCapabilities')}</Tag>,
      },
      { key: 'delivery', label: t('conditions.delivery'), children: t(conditions.downloadAllowed ? 'conditions.deliveryBoth' : 'conditions.deliveryApiOnly') },
      ...(text?.trim() ? [{ key: 'text', label: t('conditions.text'), children: <span className="pre-wrap">{text}</span> }] : []),
    ]} />
  );
}

/** The same in one line, for a revision beside the live value. */
export function conditionsSummary(t: Translate, lang: Lang, c: RestrictedConditions, labels?: Pick<CatalogOptions, 'applicantTypes' | 'securityCapabilities'>): string {
  const capabilities = c.capabilities.map((code) => labelOf(lang, labels?.securityCapabilities, code)).join('、') || t('conditions.noCapabilities');
  return `${t('conditions.creditLevelOrAbove', { level: c.minCreditLevel })}；${labelOf(lang, labels?.applicantTypes, c.applicantType)}；${capabilities}`;
}
