/**
 * 我要咨询 end to end: a citizen, sent to sign in first, asks about a dataset from its page with a
 * screenshot attached and is told the due date; the authority's reviewer finds it on the workbench and dispatches it to
 * the transport bureau; the bureau's reviewer sees it on their workbench and replies; the
 * citizen reads the reply in 我的咨询; the answer is then in 公开问答 and on the dataset page.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { label, portalUnderTest } from './browser.js';
import { DEMO_PASSWORD, logIn } from './portal.js';

const CITIZEN = '13800000007';
const QUESTION = `公交线路数据多久更新一次？${Date.now().toString(36)}`;
const REPLY = '本数据每月更新一次，如有调整将在目录中说明。';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082', 'hex');

const newSession = portalUnderTest();

let entryPath = '';

test('a citizen asks about a dataset from its page, signing in on the way, and is told the due date', async () => {
  const { page, context, errors } = await newSession();
  const listed = await (await page.request.get('/api/v1/catalog?pageSize=1')).json() as { items: { id: string; title: string }[] };
  entryPath = `/catalog/${listed.items[0]!.id}`;
  await page.goto(entryPath);
  const main = page.getByRole('main');
  await main.getByText('公开问答', { exact: true }).waitFor();
  await main.getByRole('button', { name: '咨询此数据' }).click();

  // Not signed in: the sign-in page, then back to the question form about this entry.
  await page.waitForURL(/\/login\?next=/);
  await main.getByLabel('账号').fill(CITIZEN);
  await main.getByLabel('密码').fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: label('登录') }).click();
  await page.waitForURL(/\/consult\?entry=/);
  await main.getByRole('link', { name: listed.items[0]!.title }).waitFor();

  await main.getByLabel('咨询标题').fill(QUESTION);
  await main.getByLabel('咨询内容').fill('想了解该数据的更新频率。');
  // A screenshot goes with the question: uploaded when chosen, sent with it.
  await main.locator('input[type=file]').setInputFiles({ name: '站点截图.png', mimeType: 'image/png', buffer: PNG });
  await main.locator('.ant-upload-list-item-done').filter({ hasText: '站点截图.png' }).waitFor();
  assert.equal(await main.getByRole('checkbox', { name: '允许公开答复' }).isChecked(), true);
  await main.getByRole('button', { name: '提交咨询' }).click();
  await main.getByText(/^答复期限：\d{4}-\d{2}-\d{2}$/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the authority dispatches it from the workbench to the transport bureau', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, '13800000002');
  await page.waitForURL(/\/admin\/workbench$/);
  const main = page.getByRole('main');
  await main.getByText('督促检查', { exact: true }).waitFor();
  await main.getByRole('link', { name: QUESTION }).click();
  await page.waitForURL(/\/admin\/consultations\//);
  await main.getByText('待主管部门答复').waitFor();
  // The question's screenshot is in its timeline, and the authority may open it.
  const screenshot = main.getByRole('link', { name: '站点截图.png' });
  const download = await page.request.get((await screenshot.getAttribute('href'))!);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'image/png');
  await main.getByLabel('开放主体').fill('交通运输局');
  await page.locator('.ant-select-item-option[title="杭州市交通运输局"]').click();
  await main.getByRole('button', { name: '转交开放主体' }).click();
  await main.getByText('待开放主体答复').waitFor();
  // Dispatched, the authority may no longer reply or dispatch: only what the server allows is shown.
  assert.equal(await main.getByRole('button', { name: '转交开放主体' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the bureau's reviewer sees it on the workbench and replies", async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, '13800000005');
  await page.waitForURL(/\/admin\/workbench$/);
  const main = page.getByRole('main');
  const row = main.getByRole('row').filter({ hasText: QUESTION });
  await row.getByText('待开放主体答复').waitFor();
  await row.getByRole('link', { name: QUESTION }).click();
  await main.getByRole('button', { name: '退回主管部门' }).waitFor();
  await main.getByLabel('答复', { exact: true }).fill(REPLY);
  await main.getByRole('button', { name: label('答复') }).click();
  await main.getByText('已答复', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the citizen reads the reply in 我的咨询, and it is published in 公开问答 and on the dataset page', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, CITIZEN);
  await page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '我的咨询' }).click();
  const main = page.getByRole('main');
  const row = main.getByRole('row').filter({ hasText: QUESTION });
  await row.getByText('已答复').waitFor();
  await row.getByRole('link', { name: QUESTION }).click();
  await main.getByText(REPLY).waitFor();
  await main.getByText('办理过程').waitFor();
  assert.equal(await main.getByRole('button', { name: '撤回咨询' }).count(), 0);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '公开问答' }).click();
  await main.getByText(`问：${QUESTION}`).waitFor();
  await main.getByText(REPLY).waitFor();

  await page.goto(entryPath);
  await main.getByText(`问：${QUESTION}`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
