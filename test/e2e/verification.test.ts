/**
 * Real-name verification end to end: a new user registers, signs in and applies (a bad ID
 * number is refused on its field by the server); the authority's reviewer approves it in the
 * console; the user then sees 已认证.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldError, label, portalUnderTest } from './browser.js';
import { logIn, randomPhone, register } from './portal.js';

const PASSWORD = 'Verify-2026-ok';
const phone = randomPhone();
const realName = `测试用户${phone.slice(-4)}`;

const newSession = portalUnderTest();

test('a new user registers, signs in and applies for verification; a bad ID number is refused on its field', async () => {
  const { page, context, errors } = await newSession();
  await register(page, { phone, password: PASSWORD });
  await logIn(page, phone, PASSWORD);

  await page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '实名认证' }).click();
  const main = page.getByRole('main');
  await main.getByText('未认证', { exact: true }).first().waitFor();
  await main.getByText('自然人', { exact: true }).click();
  assert.equal(await main.getByRole('radio', { name: '自然人' }).isChecked(), true);
  await main.getByLabel('真实姓名').fill(realName);
  const idNumber = main.getByLabel('身份证号码');
  await idNumber.fill('110105194912310021'); // wrong check character
  await main.getByRole('button', { name: '提交认证' }).click();
  assert.match(await fieldError(idNumber), /身份证号码不正确/);

  await idNumber.fill('11010519491231002X');
  await main.getByRole('button', { name: '提交认证' }).click();
  await main.getByText('审核中', { exact: true }).first().waitFor();
  await main.getByText('110105********002X').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the authority reviewer approves the request in the console, and the user then sees 已认证', async () => {
  const reviewer = await newSession();
  await logIn(reviewer.page, '13800000002');
  await reviewer.page.getByRole('banner').getByRole('button', { name: /主管部门审核员/ }).click();
  await reviewer.page.getByRole('menuitem', { name: /管理后台/ }).click();
  await reviewer.page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '实名认证审核' }).click();

  // Reviewers see the applicant's number masked: 139****1234.
  const row = reviewer.page.getByRole('row').filter({ hasText: realName });
  await row.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`).waitFor();
  assert.equal(await row.getByText(phone).count(), 0);
  await row.getByRole('button', { name: label('通过') }).click();
  await reviewer.page.getByRole('tooltip').getByRole('button', { name: label('通过') }).click();
  await reviewer.page.getByText(`已通过“${realName}”的实名认证`).waitFor();
  await row.waitFor({ state: 'detached' });
  assert.deepEqual(reviewer.errors, []);
  await reviewer.context.close();

  const user = await newSession();
  await logIn(user.page, phone, PASSWORD);
  await user.page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '实名认证' }).click();
  await user.page.getByRole('main').getByText('已通过实名认证').waitFor();
  await user.page.getByRole('main').getByText('已认证', { exact: true }).first().waitFor();
  await user.context.close();
});
