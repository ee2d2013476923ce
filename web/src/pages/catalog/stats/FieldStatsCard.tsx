import { Card, Descriptions, Progress, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { formatCount } from '../../../format';
import { useI18n, type Translate } from '../../../i18n';
import { GOV_BLUE } from '../../../theme';
import { FIELD_TYPE } from '../labels';
import type { DataItem, FieldStats } from '../types';
import { EChart, type ChartOption } from './EChart';

function number(v: number | string | undefined, digits = 2): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? formatCount(v) : v.toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

function bound(v: number | string, type: FieldStats['type']): string {
  if (typeof v === 'string') return v.slice(0, 10);
  return type === 'integer' ? String(Math.round(v)) : number(v, 2);
}

/** The histogram for numbers and dates, otherwise the most frequent values; null when nothing tells. */
function chartOf(t: Translate, stats: FieldStats): ChartOption | null {
  const axis = { axisLabel: { color: '#5b6b82', fontSize: 11 }, axisLine: { lineStyle: { color: '#c9d3e0' } } };
  if (stats.histogram?.length) {
    return {
      grid: { left: 48, right: 12, top: 16, bottom: 48 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: stats.histogram.map((b) => `${bound(b.from, stats.type)}~${bound(b.to, stats.type)}`), ...axis, axisLabel: { ...axis.axisLabel, rotate: 30, hideOverlap: true } },
      yAxis: { type: 'value', name: t('stats.rows'), ...axis, splitLine: { lineStyle: { color: '#eef1f6' } } },
      series: [{ type: 'bar', name: t('stats.rows'), data: stats.histogram.map((b) => b.count), barCategoryGap: '8%', itemStyle: { color: GOV_BLUE } }],
    };
  }
  const top = stats.topValues.slice(0, 10);
  if (top.length === 0 || top.every((v) => v.count <= 1)) return null;
  const reversed = [...top].reverse();
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', ...axis, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', data: reversed.map((v) => (v.value.length > 14 ? `${v.value.slice(0, 14)}…` : v.value)), ...axis },
    series: [{ type: 'bar', name: t('stats.count'), data: reversed.map((v) => v.count), itemStyle: { color: '#2f7be0' }, label: { show: true, position: 'right', color: '#5b6b82' } }],
  };
}

/** 统计分析 of one field: how complete, how varied, its range and its distribution. */
export function FieldStatsCard({ stats, item }: { stats: FieldStats; item: DataItem | undefined }) {
  const { t } = useI18n();
  const option = useMemo(() => chartOf(t, stats), [t, stats]);
  const title = item?.title || stats.name;
  const ranged = stats.min !== undefined;
  const distribution = stats.withheld ? <p className="stats-unique">{t('stats.withheld')}</p> : (
    <>
      <div className="stats-chart-title">{stats.histogram?.length ? t('stats.histogram') : t('stats.topValues')}</div>
      {option ? <EChart option={option} label={t('stats.chartOf', { field: title })} height={stats.histogram?.length ? 220 : Math.max(120, Math.min(stats.topValues.length, 10) * 22 + 20)} />
        : <p className="stats-unique">{t('stats.allUnique')}</p>}
    </>
  );
  return (
    <Card size="small" className="stats-card"
      title={<span>{title} <Typography.Text type="secondary" className="mono">{stats.name}</Typography.Text></span>}
      extra={<Tag>{t(FIELD_TYPE[stats.type] ?? 'fieldType.string')}</Tag>}>
      <Descriptions size="small" column={2} className="stats-figures" items={[
        { key: 'null', label: t('stats.nullRatio'), children: <Progress percent={Math.round(stats.nullRatio * 1000) / 10} size="small" status={stats.nullRatio > 0.5 ? 'exception' : 'normal'} /> },
        ...(stats.withheld ? [] : [{ key: 'distinct', label: t('stats.distinct'), children: `${stats.distinctEstimated ? '≈' : ''}${formatCount(stats.distinctCount)}` }]),
        ...(ranged ? [
          { key: 'min', label: t('stats.min'), children: number(stats.min, 6) },
          { key: 'max', label: t('stats.max'), children: number(stats.max, 6) },
        ] : []),
        ...(stats.mean !== undefined ? [{ key: 'mean', label: t('stats.mean'), children: number(stats.mean) }] : []),
      ]} />
      {distribution}
    </Card>
  );
}
