/**
 * 受限开放 end to end, across six accounts: a verified user applies for three data items of a
 * restricted entry (draft first, with a 营业执照 attached and the 安全承诺书 accepted); the
 * authority's reviewer returns it for supplement with a reason; the user amends and resubmits;
 * the authority passes 规范性审查, the transport bureau's two reviewers 需求审核 and 需求复核; the user
 * reads the generated agreement and signs it with their password (a wrong one is refused at the
 * field) and sees its SM3 digest; the bureau confirms, the authority's administrator files it,
 * suspends and resumes the grant; the user finds it active in 我的授权, returns the business data
 * the outcome produced and registers the outcome.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIRequestContext, Locator } from 'playwright-core';
import { label, portalUnderTest, type Session } from './browser.js';
import { DEMO_PASSWORD, logIn } from './portal.js';

const APPLICANT = '13800000006';
const AUTHORITY_REVIEWER = '13800000002';
const AUTHORITY_ADMIN = '13800000001';
const PUBLISHER = '13800000004';
const DEMAND_REVIEWER = '13800000005';
const RECHECK_REVIEWER = '13800000008';

const TITLE = `企业登记信息${Date.now().toString(36)}`;
const RETURN_REASON = '请补充数据安全防护措施的具体说明';
const PROTECTION = '等保三级；数据加密存储，访问日志留存一年';
const FIELDS = [
  { name: '企业名称', title: '企业名称', type: 'string' },
  { name: '统一社会信用代码', title: '统一社会信用代码', type: 'string' },
  { name: '法定代表人', title: '法定代表人', type: 'string', sensitive: true },
  { name: '联系电话', title: '联系电话', type: 'string', sensitive: true },
  { name: '注册资本', title: '注册资本（万元）', type: 'number' },
];
const CSV = [
  '企业名称,统一社会信用代码,法定代表人,联系电话,注册资本',
  '杭州甲科技有限公司,91330100MA2XXXX001,张三,13900001111,500',
  '杭州乙物流有限公司,91330100MA2XXXX002,李四,13900002222,1200',
].join('\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082', 'hex');

const newSession = portalUnderTest();

let entryId = '';
let applicationPath = '';

/** Signs a context in through the API and returns a JSON poster carrying its CSRF token. */
async function apiAs(request: APIRequestContext, phone: string) {
  const login = await request.post('/api/v1/auth/login', { data: { account: phone, password: DEMO_PASSWORD } });
  assert.equal(login.status(), 200, await login.text());
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  return async <T>(url: string, options: { data?: unknown; multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }> } = {}): Promise<T> => {
    const res = await request.post(url, { headers, ...options });
    assert.ok(res.ok(), `${url}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** The status tag of the application on the page. */
function status(main: Locator, text: string): Locator {
  return main.locator('.ant-tag').getByText(text, { exact: true });
}

async function openFromWorkbench(session: Session, phone: string): Promise<Locator> {
  const { page } = session;
  await logIn(page, phone);
  await page.waitForURL(/\/admin\/workbench$/);
  const main = page.getByRole('main');
  // The authority's supervision lists it too when it falls due soon: the to-do list comes first.
  await main.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).first().click();
  await page.waitForURL(/\/admin\/applications\/[^/]+$/);
  return main;
}

test('setup: the transport bureau publishes a restricted entry with rows through the API', async () => {
  const publisher = await newSession();
  const post = await apiAs(publisher.context.request, PUBLISHER);
  const departments = (await (await publisher.context.request.get('/api/v1/departments')).json()) as { items: { id: string; name: string }[] };
  const transport = departments.items.find((d) => d.name === '杭州市交通运输局')!.id;
  const created = await post<{ id: string }>('/api/v1/catalog', {
    data: {
      title: TITLE, summary: '在册企业的登记信息（受限开放，浏览器测试）', departmentId: transport, openType: 'restricted',
      openConditions: '仅用于企业信用分析', updateFrequency: 'monthly', dataFormat: 'CSV', fields: FIELDS,
      conditions: { minCreditLevel: 'C', applicantType: 'either', capabilities: ['security_policy', 'domestic_storage'] },
    },
  });
  entryId = created.id;
  const upload = await post<{ jobId: string }>(`/api/v1/catalog/${entryId}/resources`, { multipart: { file: { name: 'companies.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) } } });
  for (let i = 0; ; i++) {
    const job = (await (await publisher.context.request.get(`/api/v1/jobs/${upload.jobId}`)).json()) as { status: string; error: string | null };
    if (job.status === 'succeeded') break;
    assert.notEqual(job.status, 'failed', job.error ?? '');
    assert.ok(i < 100, 'the ingest did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
  await post(`/api/v1/catalog/${entryId}/submit`);
  await publisher.context.close();

  for (const phone of [DEMAND_REVIEWER, AUTHORITY_REVIEWER]) {
    const reviewer = await newSession();
    await (await apiAs(reviewer.context.request, phone))(`/api/v1/catalog/${entryId}/review`, { data: { approve: true } });
    await reviewer.context.close();
  }
});

test('a verified user saves a draft, attaches a licence, accepts the pledge and submits', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, APPLICANT);
  await page.goto(`/user/applications/new?entry=${entryId}`);
  const main = page.getByRole('main');
  await main.getByRole('link', { name: TITLE }).waitFor();

  // Only what the entry offers can be asked for; three of its five items are.
  await main.getByRole('checkbox', { name: '企业名称' }).check();
  await main.getByRole('checkbox', { name: '统一社会信用代码' }).check();
  await main.getByRole('checkbox', { name: /^注册资本/ }).check();
  await main.getByLabel('申请用途').fill('企业信用评估模型训练');
  await main.getByLabel('应用场景').fill('为小微企业提供信用贷款预审');
  await main.getByLabel('预期成果').fill('信用评估报告');
  await main.getByLabel('数据存储能力').fill('境内机房加密存储');
  await main.getByLabel('数据处理能力').fill('隔离环境处理，不与其他数据混合');
  await main.getByLabel('安全防护能力').fill('专人专岗');
  // The capabilities the entry's conditions require are declared one by one.
  await main.getByRole('checkbox', { name: '建立数据安全管理制度' }).check();
  await main.getByRole('checkbox', { name: '数据存储和处理均在中华人民共和国境内' }).check();
  await main.locator('input[type=file]').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
  await main.locator('.ant-upload-list-item-done').filter({ hasText: '营业执照.png' }).waitFor();

  // A draft is kept without the pledge; submitting needs it ticked.
  await main.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存，可在“我的申请”中继续填写').waitFor();
  await main.getByRole('button', { name: '提交申请' }).click();
  await main.getByText('请阅读安全承诺书并勾选承诺遵守').waitFor();
  await main.locator('.pledge-text').waitFor();
  await main.getByRole('checkbox', { name: '我已阅读并承诺遵守' }).check();
  await main.getByRole('button', { name: '提交申请' }).click();

  await page.waitForURL(/\/user\/applications\/[0-9a-f-]{36}$/);
  applicationPath = new URL(page.url()).pathname;
  await status(main, '规范性审查').waitFor();
  await main.locator('.ant-steps-item-process').getByText('规范性审查', { exact: true }).waitFor();
  await main.locator('.ant-steps-item-process').getByText(/^办理期限：\d{4}-\d{2}-\d{2}$/).waitFor();
  // The licence went with the submission and is in the timeline.
  await main.getByRole('link', { name: '营业执照.png' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the authority's reviewer returns it for supplement with a reason", async () => {
  const session = await newSession();
  const main = await openFromWorkbench(session, AUTHORITY_REVIEWER);
  await main.getByText('审查：规范性审查').waitFor();
  await main.getByRole('button', { name: '退回补充' }).click();
  const dialog = session.page.getByRole('dialog');
  await dialog.getByLabel('理由').fill(RETURN_REASON);
  await dialog.getByRole('button', { name: '退回补充' }).click();
  await status(main, '规范性审查退回，待补充').waitFor();
  // Returned, nothing is left for the authority to decide.
  assert.equal(await main.getByRole('button', { name: label('通过') }).count(), 0);
  assert.deepEqual(session.errors, []);
  await session.context.close();
});

test('the applicant reads the reason in 我的申请, amends and resubmits', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, APPLICANT);
  await page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '我的申请' }).click();
  const main = page.getByRole('main');
  const row = main.getByRole('row').filter({ hasText: TITLE });
  await row.getByText('规范性审查退回，待补充').waitFor();
  await row.getByRole('link', { name: TITLE }).click();
  await main.getByRole('alert').filter({ hasText: RETURN_REASON }).waitFor();
  await main.getByRole('button', { name: '修改申请' }).click();

  await page.waitForURL(/\/edit$/);
  const protection = main.getByLabel('安全防护能力');
  await protection.waitFor();
  assert.equal(await protection.inputValue(), '专人专岗');
  assert.equal(await main.getByRole('checkbox', { name: '我已阅读并承诺遵守' }).isChecked(), true);
  await protection.fill(PROTECTION);
  await main.getByRole('button', { name: '重新提交' }).click();
  await page.waitForURL(new RegExp(`${applicationPath}$`));
  await status(main, '规范性审查').waitFor();
  await main.getByText(PROTECTION).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('规范性审查 passes at the authority, from the console list', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, AUTHORITY_REVIEWER);
  await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '数据申请' }).click();
  const main = page.getByRole('main');
  await main.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
  await main.getByText('审查：规范性审查').waitFor();
  // Staff see who took each step.
  await main.locator('.case-step').filter({ hasText: '规范性审查退回补充' }).getByText('主管部门审核员').waitFor();
  await main.getByLabel('审查意见（可选）').fill('材料齐全');
  await main.getByRole('button', { name: label('通过') }).click();
  await status(main, '需求审核').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('需求审核 and 需求复核 pass at the bureau, by two different reviewers', async () => {
  const first = await newSession();
  let main = await openFromWorkbench(first, DEMAND_REVIEWER);
  await main.getByText('审查：需求审核').waitFor();
  await main.getByRole('button', { name: label('通过') }).click();
  await status(main, '需求复核').waitFor();
  // Nobody decides two steps of one application: the re-check is not theirs.
  assert.equal(await main.getByRole('button', { name: label('通过') }).count(), 0);
  assert.deepEqual(first.errors, []);
  await first.context.close();

  const second = await newSession();
  main = await openFromWorkbench(second, RECHECK_REVIEWER);
  await main.getByText('审查：需求复核').waitFor();
  await main.getByRole('button', { name: label('通过') }).click();
  await status(main, '协议签订（待申请人签署）').waitFor();
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

test('the applicant reads the agreement, signs it with the password and sees its SM3 digest', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, APPLICANT);
  await page.goto(applicationPath);
  const main = page.getByRole('main');
  await main.locator('.ant-steps-item-process').getByText('协议签订', { exact: true }).waitFor();
  const pdf = await page.request.get((await main.getByRole('link', { name: '阅读协议（PDF）' }).getAttribute('href'))!);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  await main.getByLabel('登录密码').fill('not-the-password');
  await main.getByRole('button', { name: '签署协议' }).click();
  await main.getByText('密码不正确').waitFor();
  await main.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: '签署协议' }).click();
  await status(main, '协议签订（待开放主体确认）').waitFor();
  assert.match(await main.locator('.sm3-digest code').innerText(), /^[0-9a-f]{64}$/);
  assert.equal(await main.getByRole('button', { name: '签署协议' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the bureau confirms the agreement and the authority files it', async () => {
  const bureau = await newSession();
  let main = await openFromWorkbench(bureau, DEMAND_REVIEWER);
  assert.match(await main.locator('.sm3-digest code').innerText(), /^[0-9a-f]{64}$/);
  await main.getByRole('button', { name: '确认协议' }).click();
  await status(main, '协议备案').waitFor();
  assert.deepEqual(bureau.errors, []);
  await bureau.context.close();

  const authority = await newSession();
  main = await openFromWorkbench(authority, AUTHORITY_ADMIN);
  await main.getByText('审查：协议备案').waitFor();
  await main.getByRole('button', { name: label('通过') }).click();
  await status(main, '已备案，授权生效').waitFor();
  // Every one of the five steps is done.
  await main.locator('.application-steps').getByText('协议备案', { exact: true }).waitFor();
  assert.equal(await main.locator('.application-steps').locator('.ant-steps-item-process, .ant-steps-item-wait, .ant-steps-item-error').count(), 0);

  // 授权管理: the grant is suspended with a reason and resumed.
  const { page } = authority;
  await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '授权管理' }).click();
  const row = main.getByRole('row').filter({ hasText: TITLE });
  await row.getByText('生效中').waitFor();
  await row.getByRole('button', { name: label('暂停') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('理由').fill('核查数据使用情况');
  await dialog.getByRole('button', { name: label('暂停') }).click();
  await row.getByText('已暂停').waitFor();
  await row.getByText('原因：核查数据使用情况').waitFor();
  await row.getByRole('button', { name: label('恢复') }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: label('恢复') }).click();
  await row.getByText('生效中').waitFor();
  assert.deepEqual(authority.errors, []);
  await authority.context.close();
});

test('the applicant finds the grant in 我的授权', async () => {
  const { page, context, errors } = await newSession();
  await logIn(page, APPLICANT);
  await page.getByRole('navigation', { name: '个人中心' }).getByRole('link', { name: '我的授权' }).click();
  const main = page.getByRole('main');
  const row = main.getByRole('row').filter({ hasText: TITLE });
  await row.getByText('生效中').waitFor();
  // Each granted 数据项 by its title on the entry.
  for (const field of ['企业名称', '统一社会信用代码', '注册资本（万元）']) await row.getByText(field, { exact: true }).waitFor();
  assert.equal(await row.getByText('法定代表人').count(), 0);
  await main.getByRole('link', { name: '管理 API 密钥' }).waitFor();

  // 五.4: the business data the outcome produced goes back, and the outcome is registered with it.
  await row.getByRole('button', { name: /展开|Expand/ }).click();
  const reports = main.locator('.grant-reports');
  await reports.getByText(/^应于 \d{4}-\d{2}-\d{2} 前登记数据利用成果并回传业务数据$/).waitFor();
  await reports.locator('input[type=file]').setInputFiles({ name: '评估结果.csv', mimeType: 'text/csv', buffer: Buffer.from('企业名称,评分\n杭州甲科技有限公司,86\n') });
  await reports.getByRole('link', { name: '评估结果.csv' }).waitFor();
  await reports.getByLabel('成果名称').fill('小微企业信用评估报告');
  await reports.getByLabel('成果简介').fill('基于企业登记信息的信用评估');
  await reports.getByLabel(/^成果文件/).click();
  await page.locator('.ant-select-item-option[title="评估结果.csv"]').click();
  await reports.getByRole('button', { name: '登记成果' }).click();
  await reports.getByText('小微企业信用评估报告').waitFor();
  await row.getByText('已登记 1 项').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
