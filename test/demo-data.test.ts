/**
 * Demo data a newcomer can trust: every department and entry has a named contact and a number
 * a caller can dial; generated rows put each stop and hospital on a road of its own district and
 * name stops for two different roads; the README's figures are the seed's own counts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRecords, loadHangzhouRecords } from '../src/seed/catalog-demo.js';
import { BUS_STOPS } from '../src/seed/demo-datasets.js';
import { phoneOf } from '../src/seed/hangzhou-mapping.js';
import { DEMO, login, startTestApp, type Client, type TestApp } from './support/app.js';

/** A Hangzhou landline (8 digits, not starting 0 or 1), a 96xxxx service line, the 12345 hotline or a mobile. */
const DIALABLE = /^(0571-([2-9]\d{7}|96\d{4}|12345)|1[3-9]\d{9})$/;
/** Two to four Chinese characters: a person's name, not a post such as 数据开放联络员. */
const PERSON = /^[\u4e00-\u9fff]{2,4}$/;

let t: TestApp;
let reader: Client;
beforeAll(async () => {
  t = await startTestApp();
  reader = await login(t.app, DEMO.admin);
  const { version } = (await reader.request({ method: 'GET', url: '/api/v1/licence' })).json();
  await reader.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
});
afterAll(async () => { await t.close(); });

async function rows<Row>(resourceTitle: string): Promise<Row[]> {
  const { id } = await t.ctx.database.db.selectFrom('resources').select('id').where('name', '=', `${resourceTitle}数据集`).executeTakeFirstOrThrow();
  const res = await reader.request({ method: 'GET', url: `/api/v1/resources/${id}/download?format=json` });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/** Each road's districts: a road generated into two districts would show here. */
function districtsOfRoads(list: { road: string; district: string }[]): Map<string, Set<string>> {
  const by = new Map<string, Set<string>>();
  for (const { road, district } of list) by.set(road, (by.get(road) ?? new Set()).add(district));
  return by;
}

describe('contacts', () => {
  it('every department has a named 专人专岗 contact and a dialable number', async () => {
    const { items } = (await t.app.inject({ method: 'GET', url: '/api/v1/departments' })).json() as { items: { name: string; contact: { person: string; phone: string } }[] };
    expect(items.length).toBe(341);
    for (const d of items) {
      expect(d.contact.person, d.name).toMatch(PERSON);
      expect(d.contact.phone, d.name).toMatch(DIALABLE);
    }
  });

  it('every entry names a person and a dialable number', async () => {
    const entries = await t.ctx.database.db.selectFrom('catalog_entries').select(['title', 'contact_name', 'contact_phone']).execute();
    for (const e of entries) {
      expect(e.contact_name, e.title).toMatch(PERSON);
      expect(e.contact_phone, e.title).toMatch(DIALABLE);
    }
  });

  it('reads the portal\'s numbers as a caller would dial them, refusing what nobody can', () => {
    expect(phoneOf('86096723')).toBe('0571-86096723');
    expect(phoneOf('136666681451/0571-85251918')).toBe('0571-85251918');
    expect(phoneOf('86-13735555099')).toBe('13735555099');
    expect(phoneOf('0571—86091234')).toBe('0571-86091234');
    expect(phoneOf('665774')).toBeNull();
    expect(phoneOf('136666681451')).toBeNull();
  });
});

describe('generated rows', () => {
  it('bus stops sit on a road of their own district and are named for two different roads', async () => {
    const stops = await rows<{ station_name: string; road: string; district: string }>(BUS_STOPS.title);
    expect(stops).toHaveLength(1500);
    for (const s of stops) {
      expect(s.station_name.startsWith(s.road), s.station_name).toBe(true);
      const cross = s.station_name.slice(s.road.length).replace(/[口站东西南北]$/, '');
      expect(cross, s.station_name).toMatch(/^[\u4e00-\u9fff]+(路|街|大道|大街)$/);
      expect(cross, s.station_name).not.toBe(s.road);
    }
    for (const [road, districts] of districtsOfRoads(stops)) expect([...districts], road).toHaveLength(1);
    expect(stops.some((s) => s.road === '延安路' && s.district === '余杭区')).toBe(false);
  });

  it('medical institutions are on a road of their own district, with a Hangzhou landline', async () => {
    const hospitals = await rows<{ address: string; district: string; phone: string }>('杭州市医疗机构名录');
    const located = hospitals.map((h) => ({ ...h, road: /^杭州市..区(.+?(路|街|大道|大街))\d+号$/.exec(h.address)?.[1] ?? '' }));
    for (const h of located) {
      expect(h.address.startsWith(`杭州市${h.district}`), h.address).toBe(true);
      expect(h.road, h.address).not.toBe('');
      expect(h.phone).toMatch(/^0571-[2-9]\d{7}$/);
    }
    for (const [road, districts] of districtsOfRoads(located)) expect([...districts], road).toHaveLength(1);
  });

  it('drivers\' mobiles have 11 digits', async () => {
    for (const d of await rows<{ mobile: string }>('杭州市网约车驾驶员从业资格信息')) expect(d.mobile).toMatch(/^1[3-9]\d{9}$/);
  });
});

describe('the README', () => {
  it('gives the source\'s records and the entries they make, as the seed counts them', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const records = loadHangzhouRecords();
    const groups = groupRecords(records);
    const published = (await t.ctx.database.db.selectFrom('catalog_entries').select('id').where('status', '=', 'published').execute()).length;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(readme).toContain(`${n(records.length)} records`);
    expect(readme).toContain(`merged into ${n(groups.length)} entries of ${new Set(groups.map((g) => g.department)).size} departments`);
    expect(readme).toContain(`the portal shows ${n(published)}\nentries`);
  });
});
