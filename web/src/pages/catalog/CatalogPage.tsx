import { CloseOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Empty, Input, Pagination, Row, Segmented, Skeleton, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, query } from '../../api';
import { PageBanner } from '../../components/PageBanner';
import { formatCount } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { useRequest } from '../../useRequest';
import { CatalogResultItem } from './CatalogResultItem';
import { useCatalogQuery, type SortKey } from './catalogQuery';
import { facetLabel, FacetPanel } from './FacetPanel';
import { FACET_KEYS, type CatalogSearchResult, type FacetKey } from './types';

const SORT_LABELS: Record<SortKey, MessageKey> = { relevance: 'sort.relevance', updated: 'sort.updated', downloads: 'sort.downloads' };
const FACET_NAMES: Record<FacetKey, MessageKey> = {
  department: 'facet.department', domain: 'facet.domain', openType: 'facet.openType', format: 'facet.format', frequency: 'facet.frequency', tag: 'facet.tag',
};

/** 数据目录: search, facets on the left, sorted and paged results; every choice is in the URL. */
export default function CatalogPage() {
  const { t } = useI18n();
  const [current, update] = useCatalogQuery();
  const [text, setText] = useState(current.q);
  useEffect(() => setText(current.q), [current.q]);

  const { data, error, loading, reload } = useRequest(
    () => api.get<CatalogSearchResult>(`/api/v1/catalog${query({ q: current.q, ...current.filters, hasData: current.hasData ? 'true' : undefined, sort: current.sort, page: current.page, pageSize: current.pageSize })}`),
    [current],
  );
  // A page past the end (an old link, a hand-edited address) comes back empty: go to the last page there is.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / current.pageSize)) : 1;
  const pastEnd = data !== undefined && !loading && data.items.length === 0 && current.page > lastPage;
  useEffect(() => {
    if (pastEnd) update({ page: lastPage }, { replace: true });
  }, [pastEnd, lastPage, update]);
  const sort = current.sort ?? (current.q ? 'relevance' : 'updated');
  const chosen = FACET_KEYS.filter((key) => current.filters[key]);
  const chosenLabel = (key: FacetKey) => {
    const value = current.filters[key]!;
    const facet = data?.facets[key].find((v) => v.value === value);
    return facet ? facetLabel(t, key, facet) : value;
  };

  return (
    <>
      <PageBanner title={t('nav.catalog')} subtitle={t('catalog.subtitle')} crumbs={[{ title: t('nav.catalog') }]} />
      <div className="container page-body">
        <Card className="catalog-search" variant="borderless">
          <form role="search" onSubmit={(e) => { e.preventDefault(); update({ q: text }); }}>
            <Space.Compact block size="large">
              <Input value={text} onChange={(e) => setText(e.target.value)} allowClear prefix={<SearchOutlined />}
                placeholder={t('catalog.searchPlaceholder')} aria-label={t('catalog.searchPlaceholder')} maxLength={200} />
              <Button type="primary" htmlType="submit" className="catalog-search-button">{t('home.search')}</Button>
            </Space.Compact>
          </form>
        </Card>
        <Row gutter={[20, 20]}>
          <Col xs={24} lg={6}>
            <FacetPanel facets={data?.facets} selected={current.filters} loading={loading} onSelect={(facet, value) => update({ filters: { [facet]: value } })} />
          </Col>
          <Col xs={24} lg={18}>
            <Card className="catalog-results" variant="borderless">
              <div className="results-toolbar">
                <span className="results-count" aria-live="polite">
                  {data ? (current.q ? t('catalog.foundFor', { n: formatCount(data.total), q: current.q }) : t('catalog.found', { n: formatCount(data.total) })) : '\u00a0'}
                </span>
                <Space size={8} wrap>
                  <Checkbox checked={current.hasData} onChange={(e) => update({ hasData: e.target.checked })}>{t('catalog.hasDataOnly')}</Checkbox>
                  <span className="results-sort-label">{t('sort.label')}</span>
                  <Segmented<SortKey> value={sort} onChange={(value) => update({ sort: value })} aria-label={t('sort.label')}
                    options={(['relevance', 'updated', 'downloads'] as const).map((s) => ({ value: s, label: t(SORT_LABELS[s]), disabled: s === 'relevance' && !current.q }))} />
                </Space>
              </div>
              {chosen.length > 0 && (
                <div className="results-chosen">
                  <span>{t('catalog.chosen')}{t('common.colon')}</span>
                  {chosen.map((key) => (
                    <Tag key={key} color="blue" closable closeIcon={<CloseOutlined aria-label={t('catalog.removeFilter')} />}
                      onClose={(e) => { e.preventDefault(); update({ filters: { [key]: undefined } }); }}>
                      {t(FACET_NAMES[key])}{t('common.colon')}{chosenLabel(key)}
                    </Tag>
                  ))}
                  <Button type="link" size="small" onClick={() => update({ filters: Object.fromEntries(FACET_KEYS.map((k) => [k, undefined])) })}>
                    {t('catalog.clearFilters')}
                  </Button>
                </div>
              )}
              {error && <Alert type="error" showIcon title={error.message} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />}
              {(loading && !data) || pastEnd ? <Skeleton active paragraph={{ rows: 8 }} /> : data && data.items.length === 0 ? (
                <Empty className="results-empty" description={current.q ? t('catalog.noResultsFor', { q: current.q }) : t('catalog.noResults')} />
              ) : (
                <div className={loading ? 'results-list results-loading' : 'results-list'}>
                  {data?.items.map((item) => <CatalogResultItem key={item.id} item={item} />)}
                </div>
              )}
              {data && data.total > 0 && (
                <Pagination className="results-pager" current={current.page} pageSize={current.pageSize} total={data.total}
                  pageSizeOptions={[10, 20, 50]} showSizeChanger showQuickJumper showTotal={(n) => t('common.total', { n: formatCount(n) })}
                  onChange={(page, pageSize) => { update(pageSize !== current.pageSize ? { pageSize } : { page }); window.scrollTo(0, 0); }} />
              )}
            </Card>
          </Col>
        </Row>
      </div>
    </>
  );
}
