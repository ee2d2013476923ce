/**
 * 受限开放 before an application (rule 二.2): structured conditions reviewed with the entry, the
 * masked sample data set, the versioned 安全承诺书, and what a would-be applicant still lacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, type Client, type TestApp, startTestApp } from './support/app.js';
import { CONDITIONS, createEntry, drainJobs, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';

const FIELDS = [
  { name: 'cert_no', title: '证书编号', type: 'string', filterable: true },
  { name: 'name', title: '姓名', type: 'string', sensitive: true },
  { name: 'id_number', title: '身份证号码', type: 'string', sensitive: true, requestable: false },
  { name: 'mobile', title: '手机号码', type: 'string', sensitive: true },
  { name: 'birth_date', title: '出生日期', type: 'date', sensitive: true },
  { name: 'salary', title: '月收入', type: 'number', sensitive: true },
  { name: 'district', title: '所属区县', type: 'string' },
  { name: 'score', title: '考核分', type: 'integer' },
  { name: 'joined_on', title: '入职日期', type: 'date' },
];
const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王'];
const GIVEN = ['一鸣', '晓', '婷婷', '国栋', '敏', '子涵'];
const DISTRICTS = ['上城区', '拱墅区', '滨江区'];
const ROWS = 300;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Row i (1-based, as stored): its values by field, the sensitive ones among them. */
function row(i: number) {
  const birth = `19${60 + (i % 40)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
  return {
    cert_no: `ZG${pad(i, 6)}`,
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!,
    id_number: `330106${birth.replaceAll('-', '')}${pad(i, 4)}`,
    mobile: `139${pad(10_000_000 + i * 7919, 8)}`,
    birth_date: birth,
    salary: String(5000 + i * 13 + (i % 100) / 100),
    district: DISTRICTS[i % DISTRICTS.length]!,
    score: String(60 + (i % 41)),
    joined_on: `2021-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
  };
}
const ALL_ROWS = Array.from({ length: ROWS }, (_, i) => row(i + 1));
const CSV = [FIELDS.map((f) => f.name).join(','), ...ALL_ROWS.map((r) => FIELDS.map((f) => r[f.name as keyof typeof r]).join(','))].join('\n');
const SENSITIVE = ['name', 'id_number', 'mobile', 'birth_date', 'salary'] as const;

let t: TestApp;
let publisher: Client;
let admin: Client;
let reviewer: Client;
let verified: Client;
let entryId: string;
let resourceId: string;

/** An entry of the transport bureau with the rows above, published by the authority. */
async function publishedEntry(overrides: Record<string, unknown>): Promise<{ entryId: string; resourceId: string }> {
  const id = await createEntry(t, publisher, { fields: FIELDS, ...overrides });
  const uploaded = await upload(publisher, `/api/v1/catalog/${id}/resources`, 'people.csv', CSV);
  expect(uploaded.statusCode, uploaded.body).toBe(202);
  await drainJobs(t);
  await submitForReview(t, publisher, id);
  const published = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${id}/review`, payload: { approve: true } });
  expect(published.statusCode, published.body).toBe(200);
  return { entryId: id, resourceId: uploaded.json().resourceId };
}

/** A new account verified as a person or an organization, as the configured verifier would. */
async function verifiedAs(type: 'person' | 'organization'): Promise<Client> {
  const user = await registerUser(t.app);
  const input = type === 'person'
    ? { type, name: '测试个人', idNumber: '11010519491231002X' }
    : { type, name: '杭州测试科技有限公司', creditCode: '91350100M000100Y43', legalRepresentative: '王五' };
  await t.ctx.verification.submit(user.userId, input, { name: 'test', check: async () => ({ status: 'verified' }) });
  return user;
}

const get = (client: Client | null, url: string) => (client ? client.request({ method: 'GET', url }) : t.app.inject({ method: 'GET', url }));
const sampleUrl = (id: string, query = 'format=json') => `/api/v1/resources/${id}/sample?${query}`;
const acceptLicence = async (client: Client) => {
  const { version } = (await client.request({ method: 'GET', url: '/api/v1/licence' })).json();
  expect((await client.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } })).statusCode).toBe(200);
};

beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  admin = await login(t.app, DEMO.admin);
  reviewer = await login(t.app, DEMO.authorityReviewer);
  verified = await login(t.app, DEMO.verifiedUser);
  await acceptLicence(verified);
  ({ entryId, resourceId } = await publishedEntry({ title: '受限测试人员名录', openType: 'restricted', openConditions: '限科研用途', conditions: CONDITIONS }));
});
afterAll(async () => { await t.close(); });

describe('conditions of restricted entries', () => {
  const create = (payload: Record<string, unknown>) => publisher.request({ method: 'POST', url: '/api/v1/catalog', payload: { ...base(), ...payload } });
  const base = () => ({ title: '条件测试', summary: '条件', departmentId: transportId, openType: 'restricted', updateFrequency: 'yearly', openConditions: '限科研用途' });
  let transportId = '';
  beforeAll(async () => { transportId = (await t.ctx.catalog.row(entryId)).department_id; });

  it('are required of a restricted entry and refused on any other', async () => {
    expect((await create({})).json().error).toMatchObject({ code: 'CONDITIONS_REQUIRED', field: 'conditions' });
    expect((await create({ openType: 'unconditional', conditions: CONDITIONS })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'conditions' });
    // Only the listed levels, types and capabilities, and nothing beside them.
    for (const bad of [{ ...CONDITIONS, capabilities: ['blockchain'] }, { ...CONDITIONS, applicantType: 'citizen' }, { ...CONDITIONS, minCreditLevel: 'AAA' },
      { ...CONDITIONS, applicantIds: ['u1'] }, { ...CONDITIONS, capabilities: ['security_policy', 'security_policy'] }]) {
      const res = await create({ conditions: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const made = await create({ conditions: { minCreditLevel: 'A', applicantType: 'organization', capabilities: ['mlps_level2'] } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ conditions: { minCreditLevel: 'A', applicantType: 'organization', capabilities: ['mlps_level2'] } });
    // Leaving 受限开放 takes them along.
    const opened = await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${made.json().id}`, payload: { openType: 'unconditional' } });
    expect(opened.json()).toMatchObject({ openType: 'unconditional', conditions: null });
  });

  it('say which 数据项 may be requested, and travel to CKAN clients', async () => {
    const entry = (await get(null, `/api/v1/catalog/${entryId}`)).json();
    expect(entry.conditions).toEqual(CONDITIONS);
    const extras = (await get(null, `/api/3/action/package_show?id=${entryId}`)).json().result.extras;
    expect(extras).toEqual(expect.arrayContaining([
      { key: 'min_credit_level', value: 'B' }, { key: 'applicant_type', value: 'either' }, { key: 'security_capabilities', value: 'security_policy' },
    ]));
    expect(entry.fields.filter((f: { requestable: boolean }) => !f.requestable).map((f: { name: string }) => f.name)).toEqual(['id_number']);
  });

  it('change only through the authority’s review, and a restricted entry is not submitted without them', async () => {
    const stricter = { minCreditLevel: 'A', applicantType: 'organization', capabilities: ['mlps_level2', 'security_staff'] };
    const revised = await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${entryId}`, payload: { conditions: stricter } });
    expect(revised.json()).toMatchObject({ conditions: CONDITIONS, pendingRevision: { conditions: stricter } });
    const history = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/history` })).json().items;
    expect(history[0]).toMatchObject({ action: 'revise', changes: { conditions: [CONDITIONS, stricter] } });
    await submitForReview(t, publisher, entryId);
    expect((await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } })).statusCode).toBe(200);
    expect((await get(null, `/api/v1/catalog/${entryId}`)).json().conditions).toEqual(stricter);
    // Back to what the other tests expect, the same way.
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${entryId}`, payload: { conditions: CONDITIONS } });
    await submitForReview(t, publisher, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });

    // An entry made restricted before conditions existed cannot go to review until they are set.
    const legacy = await createEntry(t, publisher, { title: '旧受限目录', openType: 'restricted', openConditions: '限科研用途', conditions: CONDITIONS });
    await t.ctx.database.db.updateTable('catalog_entries').set({ restricted_conditions: null }).where('id', '=', legacy).execute();
    const submitted = await publisher.request({ method: 'POST', url: `/api/v1/catalog/${legacy}/submit` });
    expect(submitted.json().error).toMatchObject({ code: 'CONDITIONS_REQUIRED', field: 'conditions' });
  });
});

describe('the sample data set (抽样数据集)', () => {
  const sample = async (query = 'format=json', client: Client = verified) => {
    const res = await client.request({ method: 'GET', url: sampleUrl(resourceId, query) });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const settings = (payload: unknown, client: Client = publisher) =>
    client.request({ method: 'PUT', url: `/api/v1/resources/${resourceId}/sample-settings`, payload: payload as object });

  it('is 100 random rows by default, the same on every call', async () => {
    const first = (await sample()).json();
    expect(first).toMatchObject({ resourceId, version: 1, rowCount: ROWS, size: 100, selection: 'random' });
    expect(first.records).toHaveLength(100);
    const certs = first.records.map((r: { cert_no: string }) => r.cert_no);
    expect(new Set(certs).size).toBe(100);
    // Not simply the first rows, and in stored order.
    expect(certs).not.toEqual(ALL_ROWS.slice(0, 100).map((r) => r.cert_no));
    expect([...certs].sort()).toEqual(certs);
    expect((await sample()).json().records).toEqual(first.records);
    const csv = (await sample('format=csv')).body;
    expect(csv.split('\n').filter(Boolean).slice(1).map((line) => line.split(',')[0])).toEqual(certs);
  });

  it('masks every sensitive 数据项, and never lets an original value through', async () => {
    const json = await sample();
    const body = json.json();
    expect(body.fields.filter((f: { masked: boolean }) => f.masked).map((f: { name: string }) => f.name)).toEqual([...SENSITIVE]);
    const csv = await sample('format=csv&header=title');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF证书编号,姓名,身份证号码,手机号码,出生日期')).toBe(true);
    for (const original of ALL_ROWS) {
      for (const field of SENSITIVE) {
        const value = field === 'salary' ? String(Number(original.salary)) : original[field];
        expect(json.body, `${field} ${value}`).not.toContain(value);
        expect(csv.body, `${field} ${value}`).not.toContain(value);
      }
    }
    const record = body.records[0];
    const source = ALL_ROWS.find((r) => r.cert_no === record.cert_no)!;
    expect(record).toEqual({
      cert_no: source.cert_no,
      name: source.name.length === 2 ? `${source.name[0]}*` : `${source.name[0]}${'*'.repeat(source.name.length - 2)}${source.name.at(-1)}`,
      id_number: `${source.id_number.slice(0, 6)}********${source.id_number.slice(-4)}`,
      mobile: `${source.mobile.slice(0, 3)}****${source.mobile.slice(-4)}`,
      birth_date: '****', salary: '****', district: source.district, score: Number(source.score), joined_on: source.joined_on,
    });
  });

  it('takes the size, or the rows, its keepers choose', async () => {
    expect((await settings({ size: 30 })).json()).toEqual({ size: 30, rowIds: null, selection: 'random' });
    const thirty = (await sample()).json();
    expect(thirty).toMatchObject({ size: 30, selection: 'random' });
    const chosen = await settings({ rowIds: [5, 3, 300, 9999] });
    expect(chosen.json()).toEqual({ size: 4, rowIds: [3, 5, 300, 9999], selection: 'chosen' });
    const rows = (await sample()).json();
    expect(rows).toMatchObject({ size: 3, selection: 'chosen' });
    expect(rows.records.map((r: { cert_no: string }) => r.cert_no)).toEqual([ALL_ROWS[2]!.cert_no, ALL_ROWS[4]!.cert_no, ALL_ROWS[299]!.cert_no]);
    expect((await settings({ size: 1000 })).statusCode).toBe(200);
    expect((await sample()).json()).toMatchObject({ size: ROWS });
    // The catalog shows how the sample is drawn.
    const listed = (await get(null, `/api/v1/catalog/${entryId}`)).json().resources[0];
    expect(listed.sample).toEqual({ size: 1000, rowIds: null });
    expect((await settings({ size: 100 })).statusCode).toBe(200);
  });

  it('refuses settings out of bounds, both ways at once, or from anyone but its keepers', async () => {
    for (const bad of [{}, { size: 10, rowIds: [1] }, { size: 0 }, { size: 1001 }, { rowIds: [] }, { rowIds: [0] }, { size: 10, seed: 'x' }]) {
      const res = await settings(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await settings({ size: 10 }, await login(t.app, DEMO.providerReviewer))).statusCode).toBe(403);
    expect((await settings({ size: 10 }, verified)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/resources/${resourceId}/sample-settings`, payload: { size: 10 } })).statusCode).toBe(401);
  });

  it('is refused with the code of the missing step, as downloads are', async () => {
    const code = async (client: Client | null, id = resourceId) => {
      const res = await get(client, sampleUrl(id));
      return [res.statusCode, res.json().error?.code];
    };
    expect(await code(null)).toEqual([401, 'UNAUTHENTICATED']);
    expect(await code(await registerUser(t.app))).toEqual([403, 'VERIFICATION_REQUIRED']);
    const company = await verifiedAs('organization');
    expect(await code(company)).toEqual([403, 'LICENCE_REQUIRED']);
    await acceptLicence(company);
    expect((await code(company))[0]).toBe(200);
    // The entry's own staff and the authority read it as it is.
    expect((await get(await login(t.app, DEMO.providerReviewer), sampleUrl(resourceId))).statusCode).toBe(200);
    // An API key takes the sample as its account would, but asks nothing else of the application's business.
    const { key, secret } = (await company.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: '样例数据' } })).json();
    const withKey = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}:${secret}` } });
    expect((await withKey(sampleUrl(resourceId, 'format=csv'))).statusCode).toBe(200);
    expect((await withKey(`/api/v1/catalog/${entryId}/eligibility`)).json().error.code).toBe('SESSION_REQUIRED');

    // Unconditional data is had whole: it has no sample.
    const open = await publishedEntry({ title: '无条件测试人员名录' });
    expect(await code(verified, open.resourceId)).toEqual([404, 'NOT_FOUND']);
    // A withdrawn restricted entry is not known to outsiders, sample or no sample.
    const hidden = await publishedEntry({ title: '撤回的受限名录', openType: 'restricted', openConditions: '限科研用途', conditions: CONDITIONS });
    await publisher.request({ method: 'POST', url: `/api/v1/catalog/${hidden.entryId}/withdraw`, payload: { reason: '测试' } });
    expect(await code(verified, hidden.resourceId)).toEqual([404, 'NOT_FOUND']);
    expect(await code(null, hidden.resourceId)).toEqual([404, 'NOT_FOUND']);
    expect((await get(publisher, sampleUrl(hidden.resourceId))).statusCode).toBe(200);
  });

  it('is counted as a download', async () => {
    await t.ctx.counters.flush();
    const before = (await get(null, `/api/v1/catalog/${entryId}`)).json();
    await sample('format=csv');
    await t.ctx.counters.flush();
    const after = (await get(null, `/api/v1/catalog/${entryId}`)).json();
    expect(after.downloads).toBe(before.downloads + 1);
    expect(after.resources[0].downloads).toBe(before.resources[0].downloads + 1);
  });
});

describe('the 安全承诺书', () => {
  it('has a first version with the applicant’s commitments, and new versions only from the authority’s administrator', async () => {
    const first = (await get(null, '/api/v1/pledge')).json();
    expect(first).toMatchObject({ version: 1, title: '公共数据安全承诺书' });
    for (const commitment of ['目的限定', '第三方', '安全保护', '还原', '销毁', '监督', '3个月', '回传']) expect(first.text).toContain(commitment);

    const next = { title: '公共数据安全承诺书（修订）', text: '第二版承诺书正文，承诺不向第三方提供数据。' };
    for (const client of [null, verified, publisher, reviewer, await login(t.app, DEMO.auditor)]) {
      const res = client ? await client.request({ method: 'PUT', url: '/api/v1/pledge', payload: next }) : await t.app.inject({ method: 'PUT', url: '/api/v1/pledge', payload: next });
      expect(res.statusCode).toBe(client ? 403 : 401);
    }
    expect((await admin.request({ method: 'PUT', url: '/api/v1/pledge', payload: { ...next, version: 7 } })).statusCode).toBe(400);
    expect((await admin.request({ method: 'PUT', url: '/api/v1/pledge', payload: { title: '短', text: '太短' } })).json().error.code).toBe('VALIDATION_FAILED');
    const published = await admin.request({ method: 'PUT', url: '/api/v1/pledge', payload: next });
    expect(published.json()).toEqual({ version: 2 });
    expect((await get(null, '/api/v1/pledge')).json()).toMatchObject({ version: 2, ...next });
    // What an application accepted stays readable as it was.
    expect((await get(null, '/api/v1/pledge/versions/1')).json()).toMatchObject({ version: 1, text: first.text });
    expect((await get(null, '/api/v1/pledge/versions/99')).statusCode).toBe(404);
    // The licence is versioned on its own.
    expect((await get(null, '/api/v1/licence')).json().version).toBe(1);
  });
});

describe('eligibility', () => {
  const check = async (client: Client | null, id = entryId) => {
    const res = await get(client, `/api/v1/catalog/${id}/eligibility`);
    return { status: res.statusCode, body: res.json() };
  };

  it('says precisely what the caller lacks, and what they will declare', async () => {
    expect((await check(null)).status).toBe(401);
    expect((await check(await registerUser(t.app))).body).toMatchObject({
      entryId, eligible: false, sampleAllowed: false, missing: [{ code: 'VERIFICATION_REQUIRED', message: '须先完成实名认证' }],
    });
    const ready = (await check(verified)).body;
    expect(ready).toMatchObject({ eligible: true, sampleAllowed: true, missing: [] });
    expect(ready.declare).toEqual([{ code: 'security_policy', message: '申请时须声明并提供证明材料：建立数据安全管理制度' }]);

    const strict = await publishedEntry({
      title: '仅限法人的受限名录', openType: 'restricted', openConditions: '限企业',
      conditions: { minCreditLevel: 'A', applicantType: 'organization', capabilities: ['mlps_level2', 'domestic_storage'] },
    });
    const person = await verifiedAs('person');
    expect((await check(person, strict.entryId)).body).toMatchObject({
      eligible: false, sampleAllowed: false,
      missing: [
        { code: 'CREDIT_LEVEL_TOO_LOW', message: '须信用等级 A 级及以上，您当前为 B 级', blocks: ['application'] },
        { code: 'APPLICANT_TYPE_MISMATCH', message: '仅限法人或非法人组织申请，您的账号实名认证为自然人', blocks: ['application'] },
        { code: 'LICENCE_REQUIRED', blocks: ['sample'] },
      ],
    });
    const company = await verifiedAs('organization');
    expect((await check(company, strict.entryId)).body.missing.map((m: { code: string }) => m.code)).toEqual(['CREDIT_LEVEL_TOO_LOW', 'LICENCE_REQUIRED']);
    expect((await admin.request({ method: 'PATCH', url: `/api/v1/users/${company.userId}`, payload: { creditLevel: 'A' } })).statusCode).toBe(200);
    await acceptLicence(company);
    const eligible = (await check(company, strict.entryId)).body;
    expect(eligible).toMatchObject({ eligible: true, sampleAllowed: true, missing: [] });
    expect(eligible.declare.map((d: { code: string }) => d.code)).toEqual(['mlps_level2', 'domestic_storage']);
  });

  it('has nothing to say of entries that are not restricted, or that the caller may not know', async () => {
    const open = await createEntry(t, publisher, { title: '无条件草稿' });
    expect((await check(verified, open)).status).toBe(404);
    expect((await check(publisher, open)).body.error.code).toBe('NOT_RESTRICTED');
  });
});
