/**
 * What of a catalog entry is searchable and how it is shown in results. Only entries that are
 * published and open (unconditionally or with restrictions) are ever indexed or listed:
 * 禁止开放 entries and unpublished ones never reach the index, a facet or a count.
 */
import type { Selectable } from 'kysely';
import type { SearchDocument } from '../../db/catalog-search.js';
import type { CatalogEntryTable } from '../../db/schema.js';
import type { FacetRow } from './facet-index.js';
import { indexTokens } from './segment.js';

export const LISTED_STATUS = 'published';
export const LISTED_OPEN_TYPES = ['unconditional', 'restricted'] as const;

export type EntryRow = Selectable<CatalogEntryTable> & { department_name: string };

export function isListed(row: { status: string; open_type: string }): boolean {
  return row.status === LISTED_STATUS && (LISTED_OPEN_TYPES as readonly string[]).includes(row.open_type);
}

export function toDocument(row: EntryRow): SearchDocument {
  const fields = parseArray<{ title?: unknown; name?: unknown }>(row.fields)
    .map((f) => (typeof f.title === 'string' && f.title ? f.title : typeof f.name === 'string' ? f.name : ''));
  const body = [row.summary, ...parseArray<string>(row.tags), row.department_name, row.domain, row.district, ...fields]
    .filter((s) => typeof s === 'string' && s.trim()).join('\n');
  return { entryId: row.id, title: indexTokens(row.title), body: indexTokens(body) };
}

/** Download formats and API access, as the format facet shows them: CSV, XLSX, …, API. */
export function formatsOf(dataFormat: string, accessMethods: string): string[] {
  const formats = dataFormat.toUpperCase().split(/[,，、/;；\s]+/).filter(Boolean);
  // Only the API matters here: "api" in the JSON array, without parsing it.
  if (accessMethods.includes('"api"')) formats.push('API');
  return formats.length > 1 ? [...new Set(formats)] : formats;
}

export interface FacetSourceRow {
  id: string;
  title: string;
  department_id: string;
  domain: string;
  open_type: string;
  update_frequency: string;
  data_format: string;
  access_methods: string;
  tags: string;
  updated_at: string;
  created_at: string;
  downloads: number | string;
  views: number | string;
}

export function toFacetRow(r: FacetSourceRow, departmentName: string, dataResources: number, searchKey: number): FacetRow {
  return {
    id: r.id,
    title: r.title,
    departmentId: r.department_id,
    departmentName,
    domain: r.domain.trim(),
    openType: r.open_type as FacetRow['openType'],
    frequency: r.update_frequency,
    formats: formatsOf(r.data_format, r.access_methods),
    tags: r.tags === '[]' ? [] : [...new Set(parseArray<string>(r.tags).filter((t) => typeof t === 'string' && t.trim()).map((t) => t.trim()))],
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    downloads: Number(r.downloads),
    views: Number(r.views),
    dataResources,
    searchKey,
  };
}

export interface ItemSourceRow extends Omit<FacetSourceRow, 'created_at'> {
  department_name: string;
  summary: string;
  published_at: string | null;
}

/** One search result as the API returns it; `hasData`: a current data version or file behind it. */
export function toItem(r: ItemSourceRow, hasData: boolean) {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    openType: r.open_type as FacetRow['openType'],
    department: { id: r.department_id, name: r.department_name },
    updateFrequency: r.update_frequency,
    domain: r.domain,
    tags: parseArray<string>(r.tags),
    dataFormat: r.data_format,
    accessMethods: parseArray<string>(r.access_methods),
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    views: Number(r.views),
    downloads: Number(r.downloads),
    hasData,
  };
}
export type SearchItem = ReturnType<typeof toItem>;

/** JSON arrays stored as text; anything unreadable counts as empty rather than failing a search. */
function parseArray<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
