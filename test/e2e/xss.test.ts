/** A display name full of markup is shown as the text it is, and never runs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portalUnderTest } from './browser.js';
import { logIn, randomPhone, register } from './portal.js';

const PASSWORD = 'Xss-proof-2026';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

const newSession = portalUnderTest();

test('a display name with HTML is rendered as literal text in the header', async () => {
  const { page, context, dialogs, errors } = await newSession();
  const phone = randomPhone();
  await register(page, { phone, password: PASSWORD, displayName: HOSTILE_NAME });
  await logIn(page, phone, PASSWORD);

  await page.getByRole('banner').getByText(HOSTILE_NAME, { exact: true }).waitFor();
  await page.reload();
  await page.getByRole('banner').getByText(HOSTILE_NAME, { exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
