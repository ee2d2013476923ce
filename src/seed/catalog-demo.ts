/**
 * The demo catalog: the 6,590 real records of the Hangzhou portal as crawled by CNPDS in
 * 2023 (src/seed/data/zhejiang_hangzhou.json, Apache-2.0, see NOTICE), published as 3,571
 * entries of 341 departments. The portal lists most data sets twice, once for the API
 * (数据格式 api) and once for the download (data): that is one entry with both access methods.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { AppContext } from '../context.js';
import type { CatalogEntryTable, DepartmentTable } from '../db/schema.js';
import { nextUpdateDue, parseFrequency } from '../domain/catalog.js';
import { isValidEmail } from '../domain/identity.js';
import { BASELINE_CONDITIONS } from '../domain/restricted.js';
import { PROJECT_ROOT } from '../project-root.js';
import { SearchService } from '../modules/search/service.js';
import { personName } from './demo-people.js';
import {
  classify, departmentName, openTypeOf, phoneOf, RESTRICTED_CONDITIONS, tagsOf, CITY, type HangzhouRecord,
} from './hangzhou-mapping.js';

const DATA_FILE = new URL('src/seed/data/zhejiang_hangzhou.json', PROJECT_ROOT);
export const DEMO_LICENCE = '杭州市公共数据开放授权许可协议';
/** The city hotline, for a department none of whose portal numbers is one a caller can dial. */
const FALLBACK_PHONE = '0571-12345';
const CHUNK = 500;
const SOURCE_SITE = 'https://data.hangzhou.gov.cn/';

/** A name-based UUID (version 5 layout, SHA-1): the same source record always gets the same id. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update('shukai-demo:').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function loadHangzhouRecords(): HangzhouRecord[] {
  return JSON.parse(readFileSync(DATA_FILE, 'utf8')) as HangzhouRecord[];
}

const sourceId = (r: HangzhouRecord) => Number(/source_id=(\d+)/.exec(r.详情页网址)?.[1] ?? 0);
/** Portal dates are Beijing calendar days; we keep instants in UTC like everything else. */
const instant = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
/** Real calendar days only: the portal writes 0000-00-00 for "unknown". */
const isDay = (day: string | null | undefined): day is string => !!day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day));

/** One catalog entry's worth of portal records: the api and data listings of one data set. */
export interface RecordGroup { department: string; records: HangzhouRecord[] }

export function groupRecords(records: HangzhouRecord[]): RecordGroup[] {
  const groups = new Map<string, RecordGroup>();
  for (const r of records) {
    const key = `${r.资源名称}\u0000${r.发布部门}\u0000${r.所属区县}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { department: departmentName(r.所属区县, r.发布部门), records: [] }));
    g.records.push(r);
  }
  for (const g of groups.values()) g.records.sort((a, b) => sourceId(a) - sourceId(b));
  return [...groups.values()].sort((a, b) => sourceId(a.records[0]!) - sourceId(b.records[0]!));
}

/** Departments the records name that the database does not have yet, contact details filled in. */
function newDepartments(groups: RecordGroup[], existing: Set<string>, now: string): DepartmentTable[] {
  const phones = new Map<string, Map<string, number>>();
  const districts = new Map<string, string>();
  for (const g of groups) {
    if (existing.has(g.department)) continue;
    districts.set(g.department, g.records[0]!.所属区县);
    const counts = phones.get(g.department) ?? new Map<string, number>();
    for (const r of g.records) {
      const phone = phoneOf(r.联系电话);
      if (phone) counts.set(phone, (counts.get(phone) ?? 0) + 1);
    }
    phones.set(g.department, counts);
  }
  return [...districts].map(([name, district]) => {
    const phone = [...phones.get(name)!].sort((a, b) => b[1] - a[1])[0]?.[0] ?? FALLBACK_PHONE;
    const email = `open-${stableUuid(`email:${name}`).slice(0, 8)}@hangzhou.example.cn`;
    if (!isValidEmail(email)) throw new Error(`demo department email ${email} is not valid`);
    return {
      id: stableUuid(`department:${name}`),
      name,
      kind: 'provider',
      responsible_unit: '办公室',
      // The portal publishes no contact's name: an invented one, as for the seeded departments.
      contact_person: personName(name),
      contact_phone: phone,
      contact_email: email,
      address: district === CITY ? '浙江省杭州市' : `浙江省杭州市${district}`,
      description: '负责本单位公共数据开放工作。目录来自杭州市公共数据开放平台（data.hangzhou.gov.cn）。',
      created_at: now,
      updated_at: now,
    };
  });
}

/** The department an entry is filed under, with the contact its entries name. */
interface EntryDepartment { id: string; email: string; person: string; phone: string }

export function toEntry(g: RecordGroup, department: EntryDepartment): Insertable<CatalogEntryTable> {
  const first = g.records[0]!;
  const data = g.records.find((r) => r.数据格式 === 'data');
  const restricted = g.records.some((r) => openTypeOf(r.开放等级) === 'restricted');
  const frequency = parseFrequency(g.records.map((r) => r.更新周期).find((f) => f?.trim()));
  const published = g.records.map((r) => r.发布时间).filter(isDay).sort()[0] ?? '2023-01-01';
  const updated = g.records.map((r) => r.更新时间).filter(isDay).sort().at(-1) ?? published;
  const { domain, keywords } = classify(first.资源名称);
  return {
    id: stableUuid(`hangzhou:${sourceId(first)}`),
    title: first.资源名称.trim(),
    summary: first.摘要?.trim() || first.资源名称.trim(),
    department_id: department.id,
    open_type: restricted ? 'restricted' : 'unconditional',
    open_conditions: restricted ? RESTRICTED_CONDITIONS : '',
    // The portal's conditions in words say no more than the platform's baseline asks.
    restricted_conditions: restricted ? JSON.stringify(BASELINE_CONDITIONS) : null,
    data_format: data ? 'CSV,XLSX,JSON,XML' : 'API',
    update_frequency: frequency,
    domain,
    national_theme: '',
    district: first.所属区县,
    tags: JSON.stringify(tagsOf(first.所属区县, keywords)),
    fields: '[]',
    access_methods: JSON.stringify([...new Set(g.records.map((r) => r.数据格式))].sort()),
    licence: DEMO_LICENCE,
    contact_name: department.person,
    contact_phone: phoneOf(first.联系电话) ?? department.phone,
    contact_email: department.email,
    source_url: (data ?? first).详情页网址,
    status: 'published',
    created_by: null,
    created_at: instant(published),
    // The portal sometimes dates the data a day before the listing; the entry changed when listed.
    updated_at: instant(updated > published ? updated : published),
    published_at: instant(published),
    last_data_update: instant(updated),
    next_update_due: nextUpdateDue(instant(updated), frequency),
  };
}

/**
 * Publishes the Hangzhou demo catalog and indexes it for search, in one transaction, unless
 * it is there already (the transaction makes it all or nothing, so one entry tells). Re-running
 * it anyway is harmless: departments are matched by name, entries keep ids derived from the
 * portal's source ids, and rows already present are left alone.
 */
export async function seedDemoCatalog(ctx: AppContext, opts: { force?: boolean } = {}): Promise<void> {
  const { db, adapter } = ctx.database;
  if (!opts.force) {
    const seeded = await db.selectFrom('catalog_entries').select('id').where('source_url', 'like', `${SOURCE_SITE}%`).limit(1).executeTakeFirst();
    if (seeded) return;
  }
  const groups = groupRecords(loadHangzhouRecords());
  const now = new Date().toISOString();
  const search = new SearchService(db, adapter);
  await db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom('departments').select(['id', 'name', 'contact_email', 'contact_person', 'contact_phone']).execute();
    const created = newDepartments(groups, new Set(known.map((d) => d.name)), now);
    for (let i = 0; i < created.length; i += CHUNK) await trx.insertInto('departments').values(created.slice(i, i + CHUNK)).execute();
    const byName = new Map([...known, ...created].map((d) => [d.name, { id: d.id, email: d.contact_email, person: d.contact_person, phone: d.contact_phone }]));
    const entries = groups.map((g) => toEntry(g, byName.get(g.department)!));
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      await trx.insertInto('catalog_entries').values(chunk).onConflict((oc) => oc.column('id').doNothing()).execute();
      await trx.insertInto('catalog_history').values(chunk.map((e) => ({
        id: stableUuid(`history:${e.id}`), entry_id: e.id, actor_id: null, action: 'import', changes: null,
        note: '演示数据：导入自杭州市公共数据开放平台目录（CNPDS 于 2023 年采集）', at: e.created_at,
      }))).onConflict((oc) => oc.column('id').doNothing()).execute();
    }
    await search.indexEntries(entries.map((e) => e.id), trx);
    await ctx.catalogChanges.observe(entries.map((e) => e.id));
  });
}
