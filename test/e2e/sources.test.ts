/**
 * 数据汇聚 in the console: a provider's publisher registers a URL source (a local HTTP server)
 * for a resource, runs it now, and sees the run succeed and the new version listed.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { label, portalUnderTest } from './browser.js';
import { DEMO_PASSWORD, logIn } from './portal.js';

const SOURCE_CSV = '站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n学院路口,3,2020-01-15\n武林广场,9,2021-06-01\n';
const source = createServer((req, res) => {
  if (req.url === '/stations.csv') { res.writeHead(200, { 'content-type': 'text/csv' }); res.end(SOURCE_CSV); } else { res.writeHead(404); res.end(); }
});
let sourcePort = 0;
before(async () => {
  source.listen(0, '127.0.0.1');
  await once(source, 'listening');
  sourcePort = (source.address() as AddressInfo).port;
});
after(() => { source.close(); });

const newSession = portalUnderTest({ SHUKAI_SOURCE_HOSTS: '127.0.0.1' });

test('a provider registers a URL source, runs it, and sees the new version', async () => {
  const { page, context, errors } = await newSession();
  // The entry and its first version, made through the API as the same publisher.
  const signIn = await page.request.post('/api/v1/auth/login', { data: { account: '13800000004', password: DEMO_PASSWORD } });
  const { csrfToken } = await signIn.json() as { csrfToken: string };
  const departments = await (await page.request.get('/api/v1/departments')).json() as { items: { id: string; name: string }[] };
  const entry = await page.request.post('/api/v1/catalog', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      title: '汇聚测试公交站点', summary: '从业务系统自动归集', departmentId: departments.items.find((d) => d.name === '杭州市交通运输局')!.id,
      openType: 'unconditional', updateFrequency: 'daily', dataFormat: 'CSV',
      fields: [{ name: '站点名称', title: '站点名称', type: 'string' }, { name: '线路数', title: '线路数', type: 'integer' }, { name: '开通日期', title: '开通日期', type: 'date' }],
    },
  });
  assert.equal(entry.status(), 201, await entry.text());
  const entryId = (await entry.json() as { id: string }).id;
  const uploaded = await page.request.post(`/api/v1/catalog/${entryId}/resources?name=${encodeURIComponent('站点数据')}`, {
    headers: { 'x-csrf-token': csrfToken },
    multipart: { file: { name: 'stations.csv', mimeType: 'text/csv', buffer: Buffer.from('站点名称,线路数,开通日期\n文一路口,5,2019-05-01\n') } },
  });
  assert.equal(uploaded.status(), 202, await uploaded.text());
  await page.request.post('/api/v1/auth/logout', { headers: { 'x-csrf-token': csrfToken } });

  await logIn(page, '13800000004');
  await page.goto(`/admin/catalog/${entryId}`);
  const main = page.getByRole('main');
  const resource = main.locator('.console-resource').filter({ hasText: '站点数据' });
  await resource.getByRole('row').filter({ hasText: 'v1' }).waitFor();

  await resource.getByRole('button', { name: '登记数据源' }).click();
  const form = resource.locator('.console-source-form');
  await form.getByLabel('数据地址').fill(`http://127.0.0.1:${sourcePort}/stations.csv`);
  await form.getByRole('button', { name: label('登记') }).click();
  const registered = resource.locator('.console-source');
  await registered.getByText(`http://127.0.0.1:${sourcePort}/stations.csv`).waitFor();
  await registered.getByText('尚未运行').waitFor();

  await registered.getByRole('button', { name: '立即运行' }).click();
  await registered.locator('.source-last-run').getByText('成功').waitFor({ timeout: 30_000 });
  await registered.locator('.source-last-run').getByText('第 2 版').waitFor();
  await resource.getByRole('row').filter({ hasText: 'v2' }).getByText('当前').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
