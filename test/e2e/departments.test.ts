/** A visitor finds a provider department and its named contact without signing in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portalUnderTest } from './browser.js';

const newSession = portalUnderTest();

test('a visitor opens the department directory and sees 杭州市交通运输局 and its contact', async () => {
  const { page, context, errors } = await newSession();
  await page.goto('/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '开放主体' }).click();
  await page.waitForURL(/\/departments$/);
  await page.getByRole('main').getByRole('link', { name: /杭州市交通运输局/ }).click();
  await page.waitForURL(/\/departments\/[^/]+$/);

  const main = page.getByRole('main');
  await main.getByRole('heading', { name: '杭州市交通运输局' }).waitFor();
  const row = (name: string) => main.getByRole('row').filter({ hasText: name });
  await row('联系人').getByText('李明哲').waitFor();
  await row('联系电话').getByText('0571-85250102').waitFor();
  await row('电子邮箱').getByText('jtj@hangzhou.example.cn').waitFor();
  assert.equal(await row('责任处室').getByText('科技信息处').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
