import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, registerUser, startTestApp, type Client, type TestApp } from './support/app.js';
import { CONDITIONS, createEntry, drainJobs, passSecurityReview, STATION_FIELDS, submitForReview } from './support/catalog.js';
import { upload } from './support/upload.js';
import { nextUpdateDue } from '../src/domain/catalog.js';

let t: TestApp;
let publisher: Client;
let reviewer: Client;
beforeAll(async () => {
  t = await startTestApp();
  publisher = await login(t.app, DEMO.publisher);
  reviewer = await login(t.app, DEMO.authorityReviewer);
});
afterAll(async () => { await t.close(); });

const STATIONS = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n学院路口,3,2020-01-15\n=HYPERLINK("http://evil"),2,2021-03-03\n';

/** Uploads into a new resource of the entry, runs the ingest job, returns the job's final state. */
async function ingest(entryId: string, fileName: string, content: Buffer | string, query = '') {
  const res = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点')}${query}`, fileName, content);
  expect(res.statusCode, res.body).toBe(202);
  const { resourceId, jobId, version } = res.json();
  await drainJobs(t);
  const job = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${jobId}` })).json();
  return { resourceId, version, job };
}

async function publish(entryId: string) {
  await submitForReview(t, publisher, entryId);
  const res = await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
  expect(res.statusCode).toBe(200);
}

/** A verified user who has accepted the current licence. */
async function dataUser(): Promise<Client> {
  const user = await login(t.app, DEMO.verifiedUser);
  const { version } = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
  await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version } });
  return user;
}

describe('upload, review and access of tabular data', () => {
  it('ingests a GBK CSV as a version, reports consistency, and serves it after publication', async () => {
    const entryId = await createEntry(t, publisher, { title: '公交站点（GBK）' });
    const { resourceId, version, job } = await ingest(entryId, 'stations.csv', iconv.encode(STATIONS, 'gbk'));
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, message: '已处理 3 行', result: { rows: 3, rejected: 0, consistent: true, held: false } });
    expect(version).toBe(1);

    const versions = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions` })).json().items;
    expect(versions[0]).toMatchObject({ version: 1, status: 'ready', rowCount: 3, encoding: 'gb18030', current: true, consistency: { consistent: true, issues: [] } });
    expect(versions[0].checksum).toMatch(/^[0-9a-f]{64}$/);

    await publish(entryId);
    const found = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog?q=${encodeURIComponent('公交站点（GBK）')}` })).json();
    expect(found.items.find((i: { id: string }) => i.id === entryId)).toMatchObject({ hasData: true });
    // The first page is public; everything beyond needs verification and the licence.
    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().records[0]).toEqual({ 站点名称: '文一路口', 线路数: 5, 开通日期: '2019-05-01' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?offset=20` })).json().error.code).toBe('UNAUTHENTICATED');
    // The preview is the first rows as stored: a filter on the last value seen would page through the whole table.
    for (const narrowed of [`filters=${encodeURIComponent(JSON.stringify({ 站点名称: { gt: '文一路口' } }))}`, `sort=${encodeURIComponent('线路数 desc')}`, 'q=学院']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?limit=1&${narrowed}` });
      expect(res.json().error?.code, narrowed).toBe('UNAUTHENTICATED');
    }
    const unverified = await login(t.app, DEMO.unverifiedUser);
    expect((await unverified.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download` })).json().error.code).toBe('VERIFICATION_REQUIRED');
    const verifiedNoLicence = await login(t.app, DEMO.verifiedUser);
    const fresh = await registerUser(t.app);
    expect((await fresh.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download` })).json().error.code).toBe('VERIFICATION_REQUIRED');
    const licenceGate = await verifiedNoLicence.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?limit=100` });
    expect(licenceGate.json().error.code).toBe('LICENCE_REQUIRED');

    const user = await dataUser();
    const filtered = await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?filters=${encodeURIComponent(JSON.stringify({ 线路数: { gte: 3 } }))}&sort=${encodeURIComponent('线路数 desc')}` });
    expect(filtered.json().records.map((r: Record<string, unknown>) => r['站点名称'])).toEqual(['文一路口', '学院路口']);

    const csv = await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=csv&bom=1` });
    expect(csv.headers['content-type'], csv.body).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('文一路口');
    expect(csv.body).toContain("'=HYPERLINK");
    // For people reading the file: the 数据项's Chinese names as the header row (途经线路数 for 线路数).
    const titled = await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=csv&header=title` });
    expect(titled.body.split('\n')[0]).toBe('站点名称,途经线路数,开通日期');
    expect(csv.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe('站点名称,线路数,开通日期');
    for (const format of ['json', 'xml', 'xlsx']) {
      const res = await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=${format}` });
      expect(res.statusCode).toBe(200);
    }
    expect((await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=json` })).json()).toHaveLength(3);

    const stats = (await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/stats` })).json();
    expect(stats.fields.find((f: { name: string }) => f.name === '线路数')).toMatchObject({ min: 2, max: 5, nullCount: 0 });
  });

  it('withholds the values of a sensitive 数据项 from the public statistics', async () => {
    const fields = STATION_FIELDS.map((f) => (f.name === '站点名称' ? { ...f, sensitive: true } : f));
    const entryId = await createEntry(t, publisher, { title: '公交站点（含敏感数据项）', fields });
    const { resourceId } = await ingest(entryId, 'stations.csv', Buffer.from(STATIONS));
    await publish(entryId);
    const stats = (await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/stats` })).json();
    expect(stats.fields.find((f: { name: string }) => f.name === '站点名称')).toMatchObject({ withheld: true, topValues: [], nullCount: 0 });
    expect(JSON.stringify(stats)).not.toContain('文一路口');
    expect(stats.fields.find((f: { name: string }) => f.name === '线路数')).toMatchObject({ min: 2, max: 5 });
  });

  it('accepts XLSX, and holds an inconsistent update of a published entry for review', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('站点');
    sheet.addRows([['站点名称', '线路数', '开通日期'], ['湖滨', 8, '2018-01-01'], ['武林广场', 12, '2017-06-30']]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const entryId = await createEntry(t, publisher, { title: '公交站点（XLSX）' });
    const { resourceId, job } = await ingest(entryId, 'stations.xlsx', xlsx);
    expect(job.result).toMatchObject({ rows: 2, consistent: true });
    await publish(entryId);

    // The update lacks 开通日期: it is held, readers keep seeing version 1.
    const update = await upload(publisher, `/api/v1/resources/${resourceId}/versions`, 'v2.csv', '站点名称,线路数\n湖滨,9\n');
    expect(update.statusCode).toBe(202);
    await drainJobs(t);
    const user = await dataUser();
    const page = (await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` })).json();
    expect(page.total).toBe(2);
    const versions = (await reviewer.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions` })).json().items;
    expect(versions[0]).toMatchObject({ version: 2, held: true, consistency: { consistent: false } });
    expect(versions[0].consistency.issues).toContainEqual({ kind: 'missing_field', field: '开通日期' });
    const queue = (await reviewer.request({ method: 'GET', url: '/api/v1/console/catalog?awaitingReview=true&pageSize=100' })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(entryId);
    const history = (await publisher.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/history` })).json().items;
    expect(history[0]).toMatchObject({ action: 'hold-data', actor: '交通局数据发布员' });

    await passSecurityReview(t, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
    expect((await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` })).json().total).toBe(1);
  });

  it('freezes the data of an entry awaiting its first review, and a withdrawal discards data held for review', async () => {
    const entryId = await createEntry(t, publisher, { title: '审核冻结测试' });
    const { resourceId } = await ingest(entryId, 'ok.csv', STATIONS);
    await submitForReview(t, publisher, entryId);
    const frozen = await upload(publisher, `/api/v1/resources/${resourceId}/versions`, 'v2.csv', STATIONS);
    expect(frozen.json().error?.code).toBe('INVALID_TRANSITION');
    const added = await upload(publisher, `/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('附加')}`, 'more.csv', STATIONS);
    expect(added.json().error?.code).toBe('INVALID_TRANSITION');
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });

    // Held for review (开通日期 missing), then the entry is withdrawn: the held version goes with it.
    expect((await upload(publisher, `/api/v1/resources/${resourceId}/versions`, 'v2.csv', '站点名称,线路数\n伪造,9\n')).statusCode).toBe(202);
    await drainJobs(t);
    await publisher.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/withdraw`, payload: { reason: '调整' } });
    const versions = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/versions` })).json().items;
    expect(versions[0]).toMatchObject({ version: 2, held: false, current: false });
    await submitForReview(t, publisher, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
    const user = await dataUser();
    expect((await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` })).json().total).toBe(3);
  });

  it('moves the next update due when an approved revision changes the frequency', async () => {
    const entryId = await createEntry(t, publisher, { title: '更新频率调整测试', updateFrequency: 'yearly' });
    await ingest(entryId, 'ok.csv', STATIONS);
    await publish(entryId);
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json();
    await publisher.request({ method: 'PATCH', url: `/api/v1/catalog/${entryId}`, payload: { updateFrequency: 'daily' } });
    await publish(entryId);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json();
    expect(after.updateFrequency).toBe('daily');
    expect(after.nextUpdateDue < before.nextUpdateDue).toBe(true);
    expect(after.nextUpdateDue).toBe(nextUpdateDue(after.lastDataUpdate, 'daily'));
  });

  it('adopts the fields of a held version only once it is approved', async () => {
    // Published with no 数据项 and XLSX declared: a CSV upload is held for review.
    const entryId = await createEntry(t, publisher, { title: '未声明数据项的目录', fields: [], dataFormat: 'XLSX' });
    await publish(entryId);
    const fieldsOf = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json().fields;
    const first = await ingest(entryId, 'stations.csv', STATIONS);
    expect(first.job.result).toMatchObject({ held: true });
    expect(await fieldsOf()).toEqual([]);
    await passSecurityReview(t, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: false, reason: '格式与目录不符' } });
    expect(await fieldsOf()).toEqual([]);

    const second = await upload(publisher, `/api/v1/resources/${first.resourceId}/versions`, 'stations.csv', STATIONS);
    expect(second.statusCode).toBe(202);
    await drainJobs(t);
    expect(await fieldsOf()).toEqual([]);
    await passSecurityReview(t, entryId);
    await reviewer.request({ method: 'POST', url: `/api/v1/catalog/${entryId}/review`, payload: { approve: true } });
    expect((await fieldsOf()).map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual(['站点名称:string', '线路数:integer', '开通日期:date']);
  });

  it('rejects bad rows with row numbers: strict fails whole, tolerant loads the rest with a report', async () => {
    const bad = '站点名称,线路数,开通日期\n甲,1,2020-01-01\n乙,很多,2020-01-02\n丙,3,2020-13-45\n丁,4,2020-01-04\n';
    const strictEntry = await createEntry(t, publisher, { title: '严格模式测试' });
    const strict = await ingest(strictEntry, 'bad.csv', bad, '&strict=true');
    expect(strict.job.status).toBe('failed');
    expect(strict.job.error).toContain('ROWS_REJECTED');
    const strictVersions = (await publisher.request({ method: 'GET', url: `/api/v1/resources/${strict.resourceId}/versions` })).json().items;
    expect(strictVersions[0]).toMatchObject({ status: 'failed', current: false });

    const tolerantEntry = await createEntry(t, publisher, { title: '宽松模式测试' });
    const tolerant = await ingest(tolerantEntry, 'bad.csv', bad);
    expect(tolerant.job.result).toMatchObject({ rows: 2, rejected: 2, consistent: false });
    const report = await publisher.request({ method: 'GET', url: `/api/v1/resources/${tolerant.resourceId}/versions/1/rejects` });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('线路数');
    expect(report.body).toMatch(/\b3\b/);
    expect(report.body).toMatch(/\b4\b/);
  });

  it('refuses junk and empty files with clear errors, leaving the published version served', async () => {
    const entryId = await createEntry(t, publisher, { title: '坏文件测试' });
    const { resourceId } = await ingest(entryId, 'ok.csv', STATIONS);
    await publish(entryId);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
    for (const [name, content, code] of [['junk.csv', png, /UNSUPPORTED_FORMAT|MALFORMED_FILE/], ['empty.csv', '', /EMPTY_FILE/], ['header.csv', '站点名称,线路数,开通日期\n', /EMPTY_FILE/], ['broken.xlsx', Buffer.concat([Buffer.from('PK'), Buffer.alloc(100, 1)]), /MALFORMED_FILE.*不是有效的 Excel 工作簿/]] as const) {
      const res = await upload(publisher, `/api/v1/resources/${resourceId}/versions`, name, content);
      await drainJobs(t);
      const job = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${res.json().jobId}` })).json();
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(code);
    }
    // A header wider than the parser keeps is refused as such, not cut short.
    const wide = `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 5000 }, () => '1').join(',')}\n`;
    const tooWide = await upload(publisher, `/api/v1/resources/${resourceId}/versions`, 'wide.csv', wide);
    await drainJobs(t);
    const wideJob = (await publisher.request({ method: 'GET', url: `/api/v1/jobs/${tooWide.json().jobId}` })).json();
    expect(wideJob).toMatchObject({ status: 'failed', error: expect.stringContaining('表头有 5000 列，超过上限 1000 列') });
    // Multipart bodies that break off or have no boundary: a client error, nothing stored.
    for (const [contentType, body] of [
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\n1,2\n'],
    ]) {
      const res = await publisher.request({ method: 'POST', url: `/api/v1/resources/${resourceId}/versions`, headers: { 'content-type': contentType }, payload: body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('MALFORMED_FILE');
    }
    const user = await dataUser();
    expect((await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` })).json().total).toBe(3);
    expect(await t.ctx.resources.versions(resourceId).then((v) => v.filter((x) => x.current).map((x) => x.version))).toEqual([1]);
  });

  it('serves the query API to an API key, and counts calls and downloads', async () => {
    const entryId = await createEntry(t, publisher, { title: 'API 测试目录' });
    const { resourceId } = await ingest(entryId, 'ok.csv', STATIONS);
    await publish(entryId);
    const user = await dataUser();
    const { key, secret } = (await user.request({ method: 'POST', url: '/api/v1/me/api-keys', payload: { name: 'test' } })).json();
    const byKey = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?fields=${encodeURIComponent('站点名称')}&limit=2`, headers: { authorization: `Bearer ${key}:${secret}` } });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json()).toMatchObject({ total: 3, fields: [{ name: '站点名称', type: 'string' }] });
    expect(Object.keys(byKey.json().records[0])).toEqual(['站点名称']);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}/records?filters=${encodeURIComponent('{"x; drop table users":1}')}`, headers: { authorization: `Bearer ${key}:${secret}` } });
    expect(unknown.statusCode).toBe(400);
    await user.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=csv` });
    await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${entryId}` });
    // The keepers' and the authority's own reads are not public use.
    for (const staff of [publisher, reviewer]) {
      await staff.request({ method: 'GET', url: `/api/v1/catalog/${entryId}` });
      await staff.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/records` });
      await staff.request({ method: 'GET', url: `/api/v1/resources/${resourceId}/download?format=csv` });
    }
    await t.ctx.counters.flush();
    const resource = await t.ctx.resources.get(resourceId);
    // The refused call (unknown field) does not count.
    expect(Number(resource.api_calls)).toBe(1);
    expect(Number(resource.downloads)).toBe(1);
    expect(Number(resource.views)).toBe(0);
    expect(Number((await t.ctx.catalog.row(entryId)).views)).toBe(1);
  });

  it('stores plain files with a sniffed type and refuses executables', async () => {
    const entryId = await createEntry(t, publisher, { title: '文件资源测试' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const ok = await upload(publisher, `/api/v1/catalog/${entryId}/resources?kind=file&name=${encodeURIComponent('说明文档')}`, '说明.pdf', pdf);
    expect(ok.statusCode).toBe(201);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(100)]);
    const bad = await upload(publisher, `/api/v1/catalog/${entryId}/resources?kind=file`, 'tool.pdf', elf);
    expect(bad.statusCode).toBe(415);
    await publish(entryId);
    const user = await dataUser();
    const entry = (await user.request({ method: 'GET', url: `/api/v1/catalog/${entryId}` })).json();
    expect(entry.resources, JSON.stringify(entry)).toBeDefined();
    const fileResource = entry.resources.find((r: { kind: string; fileName: string | null }) => r.kind === 'file' && r.fileName);
    const download = await user.request({ method: 'GET', url: `/api/v1/resources/${fileResource.id}/download` });
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('licence', () => {
  it("tells each reader the step between them and an entry's rows, as the policy decides", async () => {
    const open = await createEntry(t, publisher, { title: '取用条件（无条件）' });
    const restricted = await createEntry(t, publisher, { title: '取用条件（受限）', openType: 'restricted', openConditions: '限科研用途', conditions: CONDITIONS });
    await publish(open);
    await publish(restricted);
    const access = async (entryId: string, client?: Client) => {
      const res = client
        ? await client.request({ method: 'GET', url: `/api/v1/catalog/${entryId}/access` })
        : await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${entryId}/access` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().rows as string;
    };
    expect(await access(open)).toBe('UNAUTHENTICATED');
    expect(await access(open, await registerUser(t.app))).toBe('VERIFICATION_REQUIRED');
    const admin = await login(t.app, DEMO.admin);
    const current = (await admin.request({ method: 'GET', url: '/api/v1/licence' })).json();
    await admin.request({ method: 'PUT', url: '/api/v1/licence', payload: { title: current.title, text: `${current.text}\n（取用条件测试）` } });
    const verified = await login(t.app, DEMO.verifiedUser);
    expect(await access(open, verified)).toBe('LICENCE_REQUIRED');
    await dataUser();
    expect(await access(open, verified)).toBe('allowed');
    expect(await access(restricted, verified)).toBe('FORBIDDEN');
    expect(await access(restricted, publisher)).toBe('allowed');
  });

  it('is versioned: a new version must be accepted again', async () => {
    const user = await registerUser(t.app);
    const current = (await user.request({ method: 'GET', url: '/api/v1/licence' })).json();
    expect(current).toMatchObject({ title: '公共数据开放授权许可使用协议', accepted: false });
    expect((await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: current.version + 1 } })).statusCode).toBe(400);
    await user.request({ method: 'POST', url: '/api/v1/licence/accept', payload: { version: current.version } });
    expect((await user.request({ method: 'GET', url: '/api/v1/licence' })).json().accepted).toBe(true);
    const admin = await login(t.app, DEMO.admin);
    const next = await admin.request({ method: 'PUT', url: '/api/v1/licence', payload: { title: '公共数据开放授权许可使用协议', text: `${current.text}\n八、新增条款：用户应定期复核数据时效。` } });
    expect(next.json().version).toBe(current.version + 1);
    expect((await user.request({ method: 'GET', url: '/api/v1/licence' })).json()).toMatchObject({ version: current.version + 1, accepted: false });
  });
});
