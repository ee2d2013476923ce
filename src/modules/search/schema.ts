import { Type, type Static } from '@sinclair/typebox';
import { UPDATE_FREQUENCIES } from '../../domain/catalog.js';
import { Paging } from '../../http/schemas.js';

const OpenType = Type.Union([Type.Literal('unconditional'), Type.Literal('restricted')]);

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: '检索词（中文分词，所有词都须命中）' })),
  department: Type.Optional(Type.String({ maxLength: 64, description: '开放主体 id' })),
  domain: Type.Optional(Type.String({ maxLength: 50, description: '数据领域' })),
  openType: Type.Optional(OpenType),
  format: Type.Optional(Type.String({ maxLength: 20, description: '数据格式：CSV、XLSX、JSON、XML、API…' })),
  frequency: Type.Optional(Type.Union(Object.keys(UPDATE_FREQUENCIES).map((k) => Type.Literal(k)), { description: '更新频率' })),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  hasData: Type.Optional(Type.Boolean({ description: '有数据资源：true 只列有数据（当前数据版本或文件）的目录；false 或不填不筛选' })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('updated'), Type.Literal('downloads')], {
    description: '默认：有检索词时按相关度，否则按更新时间',
  })),
  ...Paging,
});
export type SearchQueryInput = Static<typeof SearchQuery>;

const FacetValues = Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }));

export const SearchResponse = Type.Object({
  total: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    openType: OpenType,
    department: Type.Object({ id: Type.String(), name: Type.String() }),
    updateFrequency: Type.String(),
    domain: Type.String(),
    tags: Type.Array(Type.String()),
    dataFormat: Type.String(),
    accessMethods: Type.Array(Type.String()),
    updatedAt: Type.String(),
    publishedAt: Type.Union([Type.String(), Type.Null()]),
    views: Type.Integer(),
    downloads: Type.Integer(),
    /** A current data version or file: false for an entry that only describes its data. */
    hasData: Type.Boolean(),
  })),
  facets: Type.Object({
    department: FacetValues,
    domain: FacetValues,
    openType: FacetValues,
    format: FacetValues,
    frequency: FacetValues,
    tag: FacetValues,
  }, { description: '每个维度的计数应用除该维度自身以外的全部筛选条件' }),
});
