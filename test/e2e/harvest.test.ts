/**
 * 目录采集 in the console: the authority's administrator registers a DCAT catalog served by a
 * local server (its host allowed by SHUKAI_SOURCE_HOSTS), runs it, reads the run's counts, and
 * finds the harvested entry on the portal with its source and the data's link there.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { label, portalUnderTest } from './browser.js';
import { logIn } from './portal.js';

const AUTHORITY_ADMIN = '13800000001';
const SOURCE_NAME = `社会目录${Date.now().toString(36)}`;
const TITLE = `共享单车停放点${Date.now().toString(36)}`;

let catalogServer: Server;
let catalogUrl = '';

before(async () => {
  catalogServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/turtle' }).end(`
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://open.example.org/catalog> a dcat:Catalog ; dcat:dataset <https://open.example.org/dataset/bikes> .
<https://open.example.org/dataset/bikes> a dcat:Dataset ; dct:title "${TITLE}"@zh ; dct:description "全市共享单车停放点"@zh ;
  dcat:landingPage <https://open.example.org/bikes.html> ;
  dcat:distribution [ a dcat:Distribution ; dct:title "停放点 CSV" ; dcat:downloadURL <https://open.example.org/bikes.csv> ] .
`);
  });
  await new Promise<void>((r) => catalogServer.listen(0, '127.0.0.1', r));
  catalogUrl = `http://127.0.0.1:${(catalogServer.address() as AddressInfo).port}/catalog.ttl`;
});
after(() => new Promise<void>((r) => catalogServer.close(() => r())));

const newSession = portalUnderTest({ SHUKAI_SOURCE_HOSTS: '127.0.0.1' });

test('the authority registers a DCAT source, runs it and finds the harvested entry on the portal', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, AUTHORITY_ADMIN);
  await page.goto('/admin/harvest');
  const main = page.getByRole('main');
  await main.getByRole('button', { name: /登记采集源/ }).click();

  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('名称').fill(SOURCE_NAME);
  await drawer.getByRole('radio', { name: 'DCAT 目录' }).check();
  await drawer.getByLabel('地址').fill(catalogUrl);
  await drawer.getByLabel('所属开放主体').fill('杭州市交通运输局');
  await page.locator('.ant-select-item-option').filter({ hasText: /^杭州市交通运输局$/ }).click();
  await drawer.getByRole('button', { name: label('保存') }).click();

  const row = main.getByRole('row').filter({ hasText: SOURCE_NAME });
  await row.getByText('按计划采集').waitFor();
  await row.getByRole('button', { name: label('立即采集') }).click();
  // The server's job runner takes the run; the list shows its outcome once reloaded.
  for (let tries = 0; ; tries++) {
    await page.reload();
    await row.waitFor();
    if (await row.getByText(/新增 1 · 更新 0/).count()) break;
    assert.ok(tries < 30, `the run did not finish: ${await row.innerText()}`);
    await page.waitForTimeout(500);
  }
  await row.getByText('成功').waitFor();

  await page.goto(`/catalog?q=${encodeURIComponent(TITLE)}`);
  await main.getByRole('link', { name: TITLE }).first().click();
  await main.getByText(`本目录采集自「${SOURCE_NAME}」，由来源系统维护`).waitFor();
  assert.equal(await main.getByRole('link', { name: '来源页面' }).getAttribute('href'), 'https://open.example.org/bikes.html');
  assert.equal(await main.getByRole('link', { name: '停放点 CSV' }).getAttribute('href'), 'https://open.example.org/bikes.csv');
  assert.deepEqual(errors, []);
  await context.close();
});
