/**
 * The portal, its charts and the API docs work under the content security policy: nothing the
 * pages need is refused (every session's `errors` collects what the policy refused).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portalUnderTest } from './browser.js';

const newSession = portalUnderTest();

test('the home page and the catalog render with nothing refused by the policy', async () => {
  const { page, context, errors } = await newSession();
  const answer = await page.goto('/');
  assert.match(answer?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  await page.getByRole('link', { name: '数据目录' }).first().click();
  await page.locator('.ant-list-item, .ant-card').first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the API docs render their operations with nothing refused by the policy', async () => {
  const { page, context, errors } = await newSession();
  await page.goto('/api/docs');
  await page.locator('.swagger-ui .info .title').waitFor();
  await page.locator('.opblock').first().waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
  await context.close();
});
