/** Steps through the portal as a person would: by visible labels and roles. */
import type { Page } from 'playwright-core';
import { label } from './browser.js';

/** Password of the seeded demo accounts. */
export const DEMO_PASSWORD = 'Shukai@2026';

/** A mobile number no other test has used: 139 and eight random digits. */
export function randomPhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export async function register(page: Page, account: { phone: string; password: string; displayName?: string }): Promise<void> {
  await page.goto('/register');
  const main = page.getByRole('main');
  await main.getByLabel('手机号码').fill(account.phone);
  if (account.displayName) await main.getByLabel('显示名称').fill(account.displayName);
  await main.getByLabel('密码', { exact: true }).fill(account.password);
  await main.getByLabel('确认密码').fill(account.password);
  await main.getByRole('button', { name: label('注册') }).click();
  await page.waitForURL(/\/login\?/);
}

/** Signs in from the login page and waits for where one lands: the user centre, or the workbench for staff. */
export async function logIn(page: Page, account: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  const main = page.getByRole('main');
  await main.getByLabel('账号').fill(account);
  await main.getByLabel('密码').fill(password);
  await main.getByRole('button', { name: label('登录') }).click();
  await page.waitForURL(/\/(user|admin\/workbench)$/);
  // Both are loaded on demand: wait until the page has replaced the sign-in form's frame.
  await page.getByRole('navigation', { name: '个人中心' }).or(page.getByRole('navigation', { name: '管理后台' })).first().waitFor();
}
