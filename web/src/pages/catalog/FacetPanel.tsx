import { CheckOutlined, DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Skeleton } from 'antd';
import { useState } from 'react';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { frequencyName, openTypeName } from './labels';
import { FACET_KEYS, type FacetKey, type FacetValue } from './types';

const TITLES: Record<FacetKey, MessageKey> = {
  department: 'facet.department',
  domain: 'facet.domain',
  openType: 'facet.openType',
  format: 'facet.format',
  frequency: 'facet.frequency',
  tag: 'facet.tag',
};

/** How many values a facet shows before "more". */
const SHORT_LIST = 8;

/** A facet value's label in the reader's language where the portal knows the enumeration. */
export function facetLabel(t: Translate, facet: FacetKey, value: FacetValue): string {
  if (facet === 'openType') return openTypeName(t, value.value);
  if (facet === 'frequency') return frequencyName(t, value.value);
  return value.label;
}

function FacetGroup({ facet, values, selected, onSelect }: {
  facet: FacetKey;
  values: FacetValue[];
  selected: string | undefined;
  onSelect: (value: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? values : values.slice(0, SHORT_LIST);
  // The chosen value stays visible even when it is far down the list.
  const chosen = selected !== undefined && !shown.some((v) => v.value === selected) ? values.find((v) => v.value === selected) : undefined;
  const list = chosen ? [chosen, ...shown] : shown;

  return (
    <section className="facet-group" aria-label={t(TITLES[facet])}>
      <h3 className="facet-title">{t(TITLES[facet])}</h3>
      {list.length === 0 ? <p className="facet-empty">{t('common.noData')}</p> : (
        <ul className={expanded ? 'facet-list facet-list-expanded' : 'facet-list'}>
          {list.map((v) => {
            const active = v.value === selected;
            return (
              <li key={v.value}>
                <button type="button" className={active ? 'facet-value facet-value-active' : 'facet-value'} aria-pressed={active}
                  onClick={() => onSelect(active ? undefined : v.value)}>
                  <span className="facet-value-label">{active && <CheckOutlined />} {facetLabel(t, facet, v)}</span>
                  <span className="facet-count">{v.count}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {values.length > SHORT_LIST && (
        <button type="button" className="facet-more" onClick={() => setExpanded(!expanded)}>
          {expanded ? <>{t('facet.less')} <UpOutlined /></> : <>{t('facet.more', { n: values.length })} <DownOutlined /></>}
        </button>
      )}
    </section>
  );
}

/**
 * 分类筛选: each facet's values with their counts; one value per facet, click again to clear.
 * Where the results sit below it (narrow screens) it starts folded, so they are not pushed off-screen.
 */
export function FacetPanel({ facets, selected, loading, onSelect }: {
  facets: Record<FacetKey, FacetValue[]> | undefined;
  selected: Partial<Record<FacetKey, string>>;
  loading: boolean;
  onSelect: (facet: FacetKey, value: string | undefined) => void;
}) {
  const { t } = useI18n();
  const narrow = Grid.useBreakpoint().lg === false;
  const [open, setOpen] = useState(false);
  const folded = narrow && !open;
  return (
    <Card className={folded ? 'facet-panel facet-panel-folded' : 'facet-panel'} title={t('facet.title')} size="small"
      extra={narrow && <Button type="link" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? <>{t('facet.hide')} <UpOutlined /></> : <>{t('facet.show')} <DownOutlined /></>}
      </Button>}>
      {folded ? null : !facets && loading ? <Skeleton active paragraph={{ rows: 10 }} /> : FACET_KEYS.map((facet) => (
        <FacetGroup key={facet} facet={facet} values={facets?.[facet] ?? []} selected={selected[facet]} onSelect={(value) => onSelect(facet, value)} />
      ))}
    </Card>
  );
}
