/**
 * 站内信 and 忘记密码 end to end: a user's verification is decided, the header's bell counts the
 * notice, the user opens it and marks it read; then the user resets a forgotten password with
 * the code the platform emailed to a real SMTP server.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { codeIn, startMailServer } from '../support/outbound.js';
import { label, portalUnderTest } from './browser.js';
import { logIn, randomPhone } from './portal.js';

const PASSWORD = 'Notify-2026-ok';
const NEW_PASSWORD = 'Reset-2026-new';
const phone = randomPhone();
const email = `e2e${phone}@example.com`;

// Started before the portal's server, whose configuration names it.
const mail = await startMailServer();
after(async () => { await mail.close(); });
const newSession = portalUnderTest({ SMTP_URL: mail.url, SMTP_FROM: 'noreply@data.example.gov.cn' });

test('a decided verification rings the bell; the user opens 站内信 and marks it read', async () => {
  const user = await newSession();
  // As portal.ts's register, with an email address for the code of the second test.
  await user.page.goto('/register');
  const form = user.page.getByRole('main');
  await form.getByLabel('手机号码').fill(phone);
  await form.getByLabel('电子邮箱').fill(email);
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await form.getByLabel('确认密码').fill(PASSWORD);
  await form.getByRole('button', { name: label('注册') }).click();
  await user.page.waitForURL(/\/login\?/);
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
  await page.waitForURL(/\/forgot-password$/);
  const main = page.getByRole('main');
  await main.getByLabel('账号').fill(email);
  mail.mails.length = 0; // the notice of the first test went to the same address
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
