/**
 * Catalog entries, departments, 数据领域 and resources in the shapes of CKAN's Action API (API
 * version 3): package, organization, group and resource dicts, so CKAN clients and harvesters
 * read this catalog as they read any CKAN site. Only the reading side; the fields CKAN has no
 * place for (开放属性, 更新频率…) travel as `extras`. A package lists the resources that have
 * data (a live table version or a file): what a client can fetch, and what num_resources counts.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/adapter.js';
import type { CatalogEntryTable, ResourceTable } from '../../db/schema.js';
import type { RestrictedConditions } from '../../domain/restricted.js';
import { LISTED_OPEN_TYPES, LISTED_STATUS } from '../search/documents.js';

/** CKAN's datastore field types for ours. */
export const DATASTORE_TYPES = { string: 'text', integer: 'int', number: 'numeric', date: 'date', datetime: 'timestamp', boolean: 'bool' } as const;

export function organizationOf(department: { id: string; name: string }) {
  return {
    id: department.id, name: department.id, title: department.name, display_name: department.name,
    type: 'organization' as const, is_organization: true as const, state: 'active' as const, description: '', image_url: '',
  };
}

/** A 数据领域 as a CKAN group: its name is the domain itself, as fq groups:<name> filters it. */
export function groupOf(domain: string) {
  return {
    id: domain, name: domain, title: domain, display_name: domain,
    type: 'group' as const, is_organization: false as const, state: 'active' as const, description: '', image_url: '',
  };
}

/**
 * A licence as CKAN's license_list gives it. Entries name their licence by title, which is its
 * id here; an entry naming none has CKAN's `notspecified`.
 */
export function licenceOf(title: string) {
  const named = title.trim();
  return {
    id: named || 'notspecified', title: named || '未指定许可协议', url: '', status: 'active', maintainer: '', family: '',
    od_conformance: 'not reviewed', osd_conformance: 'not reviewed', is_generic: !named,
  };
}

function parseList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** A resource dict; `base` is the site's origin, as CKAN gives absolute download URLs. */
function resourceOf(r: Selectable<ResourceTable>, base: string) {
  const table = r.kind === 'table';
  const extension = /\.([a-z0-9]{1,8})$/i.exec(r.file_name ?? '')?.[1]?.toUpperCase() ?? '';
  return {
    id: r.id, package_id: r.entry_id, name: r.name, description: '',
    format: table ? 'CSV' : extension, mimetype: table ? 'text/csv' : r.content_type,
    url: `${base}/api/v1/resources/${r.id}/download${table ? '?format=csv' : ''}`, url_type: 'upload',
    // True once the table has a live version: datastore_search then answers for it.
    datastore_active: table && r.current_version !== null,
    size: table ? null : r.file_size, created: r.created_at, last_modified: r.updated_at, state: 'active',
  };
}

/** A restricted entry's structured conditions (domain/restricted.ts), as CKAN extras are: flat strings. */
function restrictedExtras(stored: string | null): Record<string, string> {
  if (!stored) return {};
  const c = JSON.parse(stored) as RestrictedConditions;
  return { min_credit_level: c.minCreditLevel, applicant_type: c.applicantType, security_capabilities: c.capabilities.join(',') };
}

function packageOf(e: Selectable<CatalogEntryTable> & { department_name: string }, resources: Selectable<ResourceTable>[], base: string) {
  const tags = parseList(e.tags);
  const extras: Record<string, string> = {
    open_type: e.open_type, open_conditions: e.open_conditions, update_frequency: e.update_frequency, domain: e.domain,
    national_theme: e.national_theme, district: e.district, data_format: e.data_format,
    last_data_update: e.last_data_update ?? '', next_update_due: e.next_update_due ?? '',
    ...restrictedExtras(e.restricted_conditions),
  };
  return {
    id: e.id, name: e.id, title: e.title, notes: e.summary, type: 'dataset', state: 'active', private: false,
    metadata_created: e.created_at, metadata_modified: e.updated_at,
    owner_org: e.department_id, organization: organizationOf({ id: e.department_id, name: e.department_name }),
    author: e.department_name, maintainer: e.contact_name, maintainer_email: e.contact_email,
    license_id: licenceOf(e.licence).id, license_title: licenceOf(e.licence).title, url: `${base}/catalog/${e.id}`, version: null,
    tags: tags.map((name) => ({ name, display_name: name, state: 'active' })), num_tags: tags.length,
    // The search table files an entry without a domain under 其他, so fq groups:其他 finds it too.
    groups: [groupOf(e.domain.trim() || '其他')],
    extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
    resources: resources.map((r) => resourceOf(r, base)), num_resources: resources.length,
  };
}

export type Package = ReturnType<typeof packageOf>;
export type Resource = ReturnType<typeof resourceOf>;

/** Reads entries with their department and resources in two queries, whatever their number. */
export class CkanPackages {
  constructor(private readonly db: Database) {}

  /** Package dicts in the order of `ids`; ids that do not exist are left out. The caller checks access. */
  async packages(ids: string[], base: string): Promise<Package[]> {
    if (ids.length === 0) return [];
    const entries = await this.db.selectFrom('catalog_entries').innerJoin('departments', 'departments.id', 'catalog_entries.department_id')
      .selectAll('catalog_entries').select('departments.name as department_name')
      .where('catalog_entries.id', 'in', ids).execute();
    const resources = await this.db.selectFrom('resources').selectAll().where('entry_id', 'in', ids).where('current_version', 'is not', null)
      .orderBy('created_at').orderBy('id').execute();
    const byEntry = new Map<string, Selectable<ResourceTable>[]>();
    for (const r of resources) byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r]);
    const byId = new Map(entries.map((e) => [e.id, packageOf(e, byEntry.get(e.id) ?? [], base)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The licences of the publicly listed entries ('' for those naming none). */
  async licences(): Promise<string[]> {
    const rows = await this.db.selectFrom('catalog_entries').select('licence').distinct()
      .where('status', '=', LISTED_STATUS).where('open_type', 'in', LISTED_OPEN_TYPES).orderBy('licence').execute();
    return [...new Set(rows.map((r) => r.licence.trim()))];
  }

  async resource(id: string, base: string): Promise<Resource | undefined> {
    const row = await this.db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
    return row && resourceOf(row, base);
  }
}
