import { Descriptions, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatCount, formatDate, formatDateTime } from '../../format';
import { useI18n, type Translate } from '../../i18n';
import { ConditionsView } from './ConditionsView';
import { accessMethodName, frequencyName, OPEN_TYPE } from './labels';
import type { CatalogEntry } from './types';

const dash = (v: string | null | undefined) => (v && v.trim() ? v : '—');

/** The due date is reckoned from the last data update, so a scheduled entry has none until its data arrives. */
function nextUpdate(t: Translate, entry: CatalogEntry): string {
  if (entry.nextUpdateDue) return formatDate(entry.nextUpdateDue);
  return t(entry.updateFrequency === 'irregular' ? 'element.noSchedule' : 'element.dueAfterFirstData');
}

/**
 * 目录采集: a harvested entry names its source, links to its page there, and lists where its
 * data is at the source (links open outside, without our referrer or opener).
 */
function HarvestOrigin({ entry, harvest }: { entry: CatalogEntry; harvest: NonNullable<CatalogEntry['harvest']> }) {
  const { t } = useI18n();
  const outside = { target: '_blank', rel: 'noopener noreferrer nofollow' };
  return (
    <>
      <div>{t('harvest.originText', { name: harvest.source.name })}{entry.sourceUrl && <> · <a href={entry.sourceUrl} {...outside}>{t('harvest.sourcePage')}</a></>}</div>
      {harvest.links.length > 0 && (
        <div>{t('harvest.links')}{t('common.colon')}{harvest.links.map((l, i) => (
          <span key={`${l.url}-${i}`}>{i > 0 && '、'}<a href={l.url} {...outside}>{l.name}</a>{l.format && <Tag className="harvest-format">{l.format}</Tag>}</span>
        ))}</div>
      )}
    </>
  );
}

/** 基本信息: every element of the catalog entry (rule 一.4), as a two-column table. */
export function MetadataPanel({ entry }: { entry: CatalogEntry }) {
  const { t } = useI18n();
  const open = OPEN_TYPE[entry.openType];
  return (
    <Descriptions bordered size="middle" column={{ xs: 1, md: 2 }} styles={{ label: { width: 140 } }} className="metadata" items={[
      { key: 'title', label: t('element.title'), children: entry.title, span: 'filled' },
      { key: 'summary', label: t('element.summary'), children: <span className="pre-wrap">{dash(entry.summary)}</span>, span: 'filled' },
      { key: 'department', label: t('element.department'), children: <Link to={`/departments/${encodeURIComponent(entry.department.id)}`}>{entry.department.name}</Link> },
      { key: 'openType', label: t('element.openType'), children: <Tag color={open.color}>{t(open.key)}</Tag> },
      ...(entry.openType === 'restricted' ? [
        { key: 'openConditions', label: t('element.openConditions'), children: <span className="pre-wrap">{dash(entry.openConditions)}</span>, span: 'filled' as const },
        { key: 'conditions', label: t('element.conditions'), children: <ConditionsView conditions={entry.conditions} />, span: 'filled' as const },
      ] : []),
      { key: 'format', label: t('element.dataFormat'), children: dash(entry.dataFormat) },
      { key: 'frequency', label: t('element.updateFrequency'), children: frequencyName(t, entry.updateFrequency) },
      { key: 'domain', label: t('element.domain'), children: dash(entry.domain) },
      { key: 'theme', label: t('element.nationalTheme'), children: dash(entry.nationalTheme) },
      { key: 'district', label: t('element.district'), children: dash(entry.district) },
      { key: 'access', label: t('element.accessMethods'), children: entry.accessMethods.map((m) => accessMethodName(t, m)).join('、') || '—' },
      { key: 'tags', label: t('element.tags'), children: entry.tags.length ? entry.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—', span: 'filled' },
      { key: 'licence', label: t('element.licence'), children: entry.licence || t('element.defaultLicence'), span: 'filled' },
      { key: 'contact', label: t('element.contactName'), children: dash(entry.contactName) },
      { key: 'phone', label: t('element.contactPhone'), children: entry.contactPhone ? <a href={`tel:${entry.contactPhone}`}>{entry.contactPhone}</a> : '—' },
      { key: 'email', label: t('element.contactEmail'), children: entry.contactEmail ? <a href={`mailto:${entry.contactEmail}`}>{entry.contactEmail}</a> : '—', span: 'filled' },
      ...(entry.harvest ? [
        { key: 'origin', label: t('harvest.origin'), span: 'filled' as const, children: <HarvestOrigin entry={entry} harvest={entry.harvest} /> },
      ] : []),
      { key: 'created', label: t('element.createdAt'), children: formatDateTime(entry.createdAt) },
      { key: 'updated', label: t('element.updatedAt'), children: formatDateTime(entry.updatedAt) },
      { key: 'published', label: t('element.publishedAt'), children: formatDateTime(entry.publishedAt) },
      { key: 'dataUpdate', label: t('element.lastDataUpdate'), children: formatDateTime(entry.lastDataUpdate) },
      { key: 'nextUpdate', label: t('element.nextUpdateDue'), children: nextUpdate(t, entry) },
      { key: 'views', label: t('figure.views'), children: formatCount(entry.views) },
      { key: 'downloads', label: t('figure.downloads'), children: formatCount(entry.downloads) },
      { key: 'apiCalls', label: t('figure.apiCalls'), children: formatCount(entry.apiCalls) },
    ]} />
  );
}
