/**
 * What the DCAT graph is made of, read in a fixed number of queries per page: the listed
 * entries in a stable order, their packages (ckan-packages.ts), their departments' 专人专岗
 * contacts, the authority that publishes the catalog and the portal's licence.
 */
import type { Database } from '../../db/adapter.js';
import { LISTED_OPEN_TYPES, LISTED_STATUS } from '../search/documents.js';
import type { LicenceService } from '../licence/service.js';
import { CkanPackages } from './ckan-packages.js';
import type { Agent, CatalogFacts, DcatDataset } from './dcat-graph.js';

const CATALOG_TITLE = '数开 Shukai 公共数据开放平台';
const CATALOG_DESCRIPTION = '公共数据开放目录（DCAT-AP）：无条件开放和受限开放的数据目录及其数据资源';

export class DcatSource {
  private readonly packages: CkanPackages;

  constructor(private readonly db: Database, private readonly licence: Pick<LicenceService, 'current'>) {
    this.packages = new CkanPackages(db);
  }

  /**
   * One page of the publicly listed entries, oldest publication first: an entry published
   * during a harvest joins the last page instead of pushing every later page along.
   */
  async listedPage(page: number, pageSize: number): Promise<{ total: number; ids: string[] }> {
    const listed = this.db.selectFrom('catalog_entries')
      .where('status', '=', LISTED_STATUS).where('open_type', 'in', LISTED_OPEN_TYPES);
    const { total } = await listed.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await listed.select(['id', 'published_at']).orderBy('published_at').orderBy('id')
      .offset((page - 1) * pageSize).limit(pageSize).execute();
    return { total: Number(total), ids: rows.map((r) => r.id) };
  }

  /** The datasets of `ids` (as the caller may see them: the caller checks), in their order. */
  async datasets(ids: string[], base: string): Promise<DcatDataset[]> {
    if (ids.length === 0) return [];
    const packages = await this.packages.packages(ids, base);
    const entries = await this.db.selectFrom('catalog_entries').select(['id', 'published_at']).where('id', 'in', ids).execute();
    const published = new Map(entries.map((e) => [e.id, e.published_at]));
    const departments = await this.agents([...new Set(packages.map((p) => p.owner_org))]);
    return packages.map((pkg) => ({ pkg, publishedAt: published.get(pkg.id) ?? null, department: departments.get(pkg.owner_org)! }));
  }

  /** The catalog's own description, published by the authority (the first authority department). */
  async catalogFacts(base: string): Promise<CatalogFacts> {
    const authority = await this.db.selectFrom('departments').select('id').where('kind', '=', 'authority')
      .orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    const publisher = authority
      ? (await this.agents([authority.id])).get(authority.id)!
      : { id: 'authority', name: '公共数据主管部门', contact: { person: '', phone: '', email: '' } };
    const licence = await this.licence.current();
    return { base, title: CATALOG_TITLE, description: CATALOG_DESCRIPTION, publisher, licence: { title: licence.title } };
  }

  private async agents(ids: string[]): Promise<Map<string, Agent>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('departments').select(['id', 'name', 'contact_person', 'contact_phone', 'contact_email'])
      .where('id', 'in', ids).execute();
    return new Map(rows.map((d) => [d.id, { id: d.id, name: d.name, contact: { person: d.contact_person, phone: d.contact_phone, email: d.contact_email } }]));
  }
}
