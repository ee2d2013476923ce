/**
 * The public side as a visitor meets it: no page logs an error to the console (a visitor is not
 * a failed sign-in); search results promise download formats only where data stands behind
 * them, and the "有数据资源" filter asks the server for those; the home page's 专人专岗 figure
 * counts named contacts only; the API documentation is grouped by audience, in Chinese.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { portalUnderTest } from './browser.js';

const newSession = portalUnderTest();

/** Everything the page logged as an error, failed requests included (Chromium logs a 401 so). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} @ ${message.location().url}`);
  });
  return errors;
}

test('anonymous pages log no error to the console, and nobody is asked who they are by a 401', async () => {
  const { page, context, errors } = await newSession();
  const logged = consoleErrors(page);
  const unauthorized: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 401) unauthorized.push(res.url());
  });
  for (const path of ['/', '/catalog', '/departments', '/catalog?q=公交站点']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await page.locator('.result-item').first().waitFor();
  await page.locator('.result-item .result-title a').first().click();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(logged, []);
  assert.deepEqual(unauthorized, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('catalog-only results show no download formats; the 有数据资源 filter asks the server for entries with data', async () => {
  const { page, context } = await newSession();
  await page.goto('/catalog?q=杭州公交站点信息');
  await page.locator('.result-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  const results = await page.locator('.result-item').evaluateAll((items) => items.map((item) => ({
    catalogOnly: item.textContent!.includes('仅目录，暂无数据资源'),
    formats: item.querySelector('.result-formats')?.textContent ?? null,
  })));
  assert.ok(results.some((r) => r.catalogOnly), 'a catalog-only entry among the results');
  assert.ok(results.some((r) => !r.catalogOnly), 'an entry with data among the results');
  for (const r of results) assert.equal(r.formats === null, r.catalogOnly, JSON.stringify(r));

  const asked = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/catalog' && new URL(res.url()).searchParams.get('hasData') === 'true');
  await page.getByRole('checkbox', { name: '有数据资源' }).click();
  const filtered = await (await asked).json() as { total: number; items: { hasData: boolean }[] };
  assert.equal(new URL(page.url()).searchParams.get('hasData'), 'true');
  assert.ok(filtered.total > 0 && filtered.items.every((item) => item.hasData));
  // What is listed now is what the server found: entries with data, their formats shown.
  await page.waitForLoadState('networkidle');
  const shown = await page.locator('.result-item').evaluateAll((items) => items.map((item) => ({
    catalogOnly: item.textContent!.includes('仅目录，暂无数据资源'), formats: Boolean(item.querySelector('.result-formats')),
  })));
  assert.equal(shown.length, filtered.items.length);
  assert.ok(shown.every((r) => !r.catalogOnly && r.formats), JSON.stringify(shown));
  // Reloaded from the address, the filter is still on.
  await page.reload();
  assert.equal(await page.getByRole('checkbox', { name: '有数据资源' }).isChecked(), true);
  await context.close();
});

test('the home page counts as 专人专岗 the departments with a named contact', async () => {
  const { page, context } = await newSession();
  const departments = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/departments');
  await page.goto('/');
  const { items: list } = await (await departments).json() as { items: { contact: { person: string; phone: string; email: string } }[] };
  const named = list.filter((d) => d.contact.person.trim() && (d.contact.phone || d.contact.email)).length;
  assert.ok(named > 0);
  const figure = page.locator('.ant-statistic').filter({ hasText: '设专人专岗的开放主体' }).locator('.ant-statistic-content-value');
  await figure.waitFor();
  assert.equal(Number((await figure.innerText()).replace(/\D/g, '')), named);
  assert.ok(list.every((d) => d.contact.person !== '数据开放联络员'));
  await context.close();
});

/**
 * The documentation's groups in the order a reader scrolling down meets them. Swagger UI renders
 * only what is near the viewport, so the page is walked a screen at a time.
 */
async function groupsInOrder(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (let step = 0; step < 200; step++) {
    for (const tag of await page.locator('.opblock-tag').evaluateAll((tags) => tags.map((t) => t.getAttribute('data-tag') ?? ''))) {
      if (!seen.includes(tag)) seen.push(tag);
    }
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY + window.innerHeight >= document.body.scrollHeight - 2;
    });
    await page.waitForTimeout(150);
    if (atEnd && step > 0) break;
  }
  return seen;
}

test('the API documentation is grouped by audience, in Chinese, internal routes last, with worked examples', async () => {
  const { page, context } = await newSession();
  await page.goto('/api/docs');
  await page.locator('.opblock-tag').first().waitFor();
  assert.deepEqual(await groupsInOrder(page), ['公开目录', '数据接口', 'CKAN 兼容', '账户', '管理', '内部接口']);
  // An operation opened reads in Chinese, its worked example included.
  await page.evaluate(() => window.scrollTo(0, 0));
  const records = page.locator('.opblock').filter({ hasText: '/api/v1/resources/{id}/records' });
  for (let step = 0; step < 100 && (await records.count()) === 0; step++) {
    await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.5));
    await page.waitForTimeout(100);
  }
  await records.locator('.opblock-summary').click();
  await records.getByText('参数', { exact: true }).waitFor();
  await records.getByRole('button', { name: '试一试' }).waitFor();
  assert.match(await records.innerText(), /示例（演示数据）/);
  assert.doesNotMatch(await records.innerText(), /\b(Parameters|Try it out|Responses)\b/);
  await context.close();
});
