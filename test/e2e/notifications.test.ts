/**
 * 站内信 and 忘记密码 end to end: a user's verification is decided, the header's bell counts the
 * notice, the user opens it and marks it read; then the user resets a forgotten password with
 * the code the platform emailed to a real SMTP server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { codeIn, startMailServer } from '../support/outbound.js';
import { label, portalUnderTest } from './browser.js';
import { logIn, randomPhone, register } from './portal.js';

const PASSWORD = 'Notify-2026-ok';
const NEW_PASSWORD = 'Reset-2026-new';
const phone = randomPhone();
const email = `e2e${phone}@example.com`;

let mail: Awaited<ReturnType<typeof startMailServer>>;
const env: Record<string, string> = {};
before(async () => {
  mail = await startMailServer();
  Object.assign(env, { SMTP_URL: mail.url, SMTP_FROM: 'noreply@data.example.gov.cn' });
});
after(async () => { await mail.close(); });
const newSession = portalUnderTest(env);

test('a decided verification rings the bell; the user opens 站内信 and marks it read', async () => {
  const user = await newSession();
  await user.page.goto('/register');
  await user.page.getByRole('main').getByLabel('电子邮箱').fill(email);
  await register(user.page, { phone, password: PASSWORD });
  await logIn(user.page, phone, PASSWORD);
  const main = user.page.getByRole('main');
  await user.page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '实名认证' }).click();
  await main.getByText('自然人', { exact: true }).click();
  await main.getByLabel('真实姓名').fill('王通知');
  await main.getByLabel('身份证号码').fill('11010519491231002X');
  await main.getByRole('button', { name: '提交认证' }).click();
  await main.getByText('审核中', { exact: true }).first().waitFor();

  const reviewer = await newSession();
  await logIn(reviewer.page, '13800000002');
  await reviewer.page.goto('/admin/verifications');
  const row = reviewer.page.getByRole('row').filter({ hasText: '王通知' });
  await row.getByRole('button', { name: label('通过') }).click();
  await reviewer.page.getByRole('tooltip').getByRole('button', { name: label('通过') }).click();
  await row.waitFor({ state: 'detached' });
  await reviewer.context.close();

  await user.page.reload();
  const bell = user.page.getByRole('banner').getByRole('button', { name: '站内信（1 条未读）' });
  await bell.click();
  await user.page.waitForURL(/\/user\/notifications$/);
  const notice = main.getByTestId('notification').filter({ hasText: '实名认证已通过' });
  await notice.getByText('未读').waitFor();
  await notice.getByRole('button', { name: label('标为已读') }).click();
  await notice.getByText('未读').waitFor({ state: 'detached' });
  await user.page.getByRole('banner').getByRole('button', { name: '站内信（0 条未读）' }).waitFor();
  assert.deepEqual(user.errors, []);
  await user.context.close();
});

test('a forgotten password is reset with the emailed code', async () => {
  const { page, context, errors } = await newSession();
  await page.goto('/login');
  await page.getByRole('main').getByRole('link', { name: '忘记密码？' }).click();
  const main = page.getByRole('main');
  await main.getByLabel('账号').fill(email);
  await main.getByRole('button', { name: label('发送验证码') }).click();
  const code = codeIn((await mail.waitForMail(email, 10_000)).text);
  await main.getByLabel('验证码').fill(code);
  await main.getByLabel('新密码').fill(NEW_PASSWORD);
  await main.getByRole('button', { name: label('设置新密码') }).click();
  await page.waitForURL(/\/login\?account=/);
  await logIn(page, phone, NEW_PASSWORD);
  assert.deepEqual(errors, []);
  await context.close();
});
