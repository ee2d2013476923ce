/**
 * The catalog end to end, through the UI: a provider's publisher files an entry with its 数据项,
 * uploads a GBK CSV with one bad row in tolerant mode (progress to done, rejected count, error
 * report) and an XLSX as a second resource, and submits it; the department's reviewer passes its
 * security review; the authority's reviewer reads the
 * consistency report and publishes it; a verified user finds it with a Chinese search, accepts
 * the licence, previews the rows, sees the statistics chart and downloads the CSV.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { label, portalUnderTest } from './browser.js';
import { logIn } from './portal.js';

const TITLE = '西湖景区共享单车停放点';
const HEADER = ['point_id', 'point_name', 'district', 'capacity', 'opened_on'];
const FIELDS: { name: string; title: string; type?: string; filterable?: boolean }[] = [
  { name: 'point_id', title: '停放点编号', filterable: true },
  { name: 'point_name', title: '停放点名称' },
  { name: 'district', title: '所属区县', filterable: true },
  { name: 'capacity', title: '容量', type: '整数' },
  { name: 'opened_on', title: '启用日期', type: '日期' },
];
const ROWS = [
  ['P001', '断桥残雪东', '西湖区', '40', '2024-03-01'],
  ['P002', '苏堤春晓北', '西湖区', '25', '2024-03-15'],
  ['P003', '湖滨银泰西', '上城区', '60', '2024-04-02'],
  ['P004', '雷峰塔南', '西湖区', '32', '2024-05-20'],
  ['P005', '灵隐寺北', '西湖区', '18', '2024-06-08'],
];
/** Not an integer: rejected in tolerant mode, listed in the error report. */
const BAD_ROW = ['P006', '曲院风荷西', '西湖区', '三十', '2024-07-01'];

const newSession = portalUnderTest();

function gbkCsv(): Buffer {
  const lines = [HEADER, ...ROWS.slice(0, 3), BAD_ROW, ...ROWS.slice(3)].map((r) => r.join(','));
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
}

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('停放点');
  sheet.addRow(HEADER);
  for (const [id, name, district, capacity, opened] of ROWS) sheet.addRow([`X${id}`, name, district, Number(capacity), opened]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Picks an option of the antd Select labelled `name` and waits until the select shows it. A click
 * that lands while the list is still sliding in can miss (CI met it), so the list is first let
 * settle, and the pick is tried again if the select does not show the option.
 */
async function choose(page: Page, name: string, option: string): Promise<void> {
  const select = page.getByLabel(name, { exact: true });
  const shown = page.locator('.ant-select').filter({ has: select }).filter({ hasText: option });
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const settled = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"])');
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await select.click();
    await settled.getByTitle(option, { exact: true }).click();
    try {
      await shown.waitFor({ timeout: 3_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // The list fades out: wait until it is gone, or the next choice would see two lists.
  await open.first().waitFor({ state: 'detached' });
}

/** Uploads a new table resource in tolerant mode and waits for the progress bar to reach done. */
async function addResource(page: Page, name: string, file: { name: string; mimeType: string; buffer: Buffer }, expectDone: string): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: '新增数据资源' }).click();
  const panel = main.locator('.upload-panel');
  await panel.getByLabel('资源名称').fill(name);
  await panel.getByLabel('宽松模式：导入正确行并生成错误报告').check();
  await panel.locator('input[type="file"]').setInputFiles(file);
  await panel.getByText(expectDone).waitFor({ timeout: 30_000 });
  assert.equal(await panel.getByRole('progressbar', { name: '上传进度' }).getAttribute('aria-valuenow'), '100');
}

test('a provider files and uploads, the authority publishes, a verified user finds, previews and downloads', async () => {
  // 1. The provider's publisher: a new entry with its 数据项.
  const provider = await newSession();
  let page = provider.page;
  await logIn(page, '13800000004');
  await page.goto('/admin/catalog');
  let main = page.getByRole('main');
  await main.getByRole('button', { name: '新建目录' }).click();
  await page.waitForURL(/\/admin\/catalog\/new$/);
  await main.getByLabel('目录名称', { exact: true }).fill(TITLE);
  await main.getByLabel('目录摘要', { exact: true }).fill('西湖景区及周边共享单车规范停放点的位置、容量与启用日期。');
  await main.getByLabel('数据领域', { exact: true }).fill('交通出行');
  await main.getByLabel('数据格式', { exact: true }).fill('XLSX');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await main.getByLabel('联系人', { exact: true }).fill('李明哲');
  await main.getByLabel('联系电话', { exact: true }).fill('0571-85250102');
  for (const [i, field] of FIELDS.entries()) {
    await main.getByRole('button', { name: '添加数据项' }).click();
    await main.getByLabel(`第 ${i + 1} 行字段名称`).fill(field.name);
    await main.getByLabel(`第 ${i + 1} 行中文名称`).fill(field.title);
    if (field.type) await choose(page, `第 ${i + 1} 行数据类型`, field.type);
    if (field.filterable) await main.getByLabel(`第 ${i + 1} 行可筛选`).check();
  }
  await main.getByRole('button', { name: label('保存') }).click();
  await page.waitForURL(/\/admin\/catalog\/[0-9a-f-]{36}$/);
  await main.getByRole('heading', { name: TITLE }).waitFor();
  await main.getByText('草稿', { exact: true }).first().waitFor();

  // 2. A GBK CSV with one bad row, tolerant mode: five rows in, one rejected, with its report.
  await addResource(page, '停放点数据', { name: '停放点.csv', mimeType: 'text/csv', buffer: gbkCsv() }, '导入完成：第 1 版，共导入 5 行');
  await main.locator('.upload-panel').getByText('1 行不符合数据项定义，未导入，请下载错误报告查看').waitFor();
  const csvResource = main.locator('.console-resource').filter({ hasText: '停放点数据' });
  const version = csvResource.getByRole('row').filter({ hasText: 'v1' });
  await version.getByText('GB18030').or(version.getByText('GBK')).first().waitFor();
  await version.getByText('1 行数据不符合数据项定义，已被拒绝').waitFor();
  const [report] = await Promise.all([page.waitForEvent('download'), version.getByRole('link', { name: /下载错误报告/ }).click()]);
  const rejects = await readFile((await report.path())!, 'utf8');
  assert.match(rejects, /P006/);
  assert.match(rejects, /三十/);
  await main.locator('.upload-panel').getByRole('button', { name: label('关闭') }).click();

  // 3. An XLSX as a second resource.
  const book = await xlsx();
  await addResource(page, '停放点数据（Excel）', { name: '停放点.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book }, '导入完成：第 1 版，共导入 5 行');
  await main.locator('.console-resource').filter({ hasText: '停放点数据（Excel）' }).getByText('一致', { exact: true }).waitFor();

  // 4. Submit for review.
  await main.getByRole('button', { name: '提交审核' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '提交审核' }).click();
  await page.getByText('已提交审核').first().waitFor();
  await main.getByText('待审核', { exact: true }).first().waitFor();
  assert.deepEqual(provider.errors, []);
  await provider.context.close();

  // 5. The department's own reviewer: 开放前的安全审查 (六.(二)) with the consistency report before them.
  const securityReviewer = await newSession();
  page = securityReviewer.page;
  await logIn(page, '13800000005');
  await page.goto('/admin');
  await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '目录审核' }).click();
  main = page.getByRole('main');
  await main.getByRole('row').filter({ hasText: TITLE }).getByRole('button', { name: label('审核') }).click();
  await page.waitForURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  await main.getByText('当前步骤：开放主体安全审查', { exact: false }).waitFor();
  await main.getByText('数据资源一致性审核').waitFor();
  // The data itself, before it opens: the first rows of the version under review.
  const rows = main.locator('.review-resource').filter({ hasText: '停放点数据' }).first();
  await rows.getByText('数据内容（前 20 行）').waitFor();
  await rows.getByRole('cell', { name: '断桥残雪东' }).waitFor();
  await main.getByRole('button', { name: '安全审查通过' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '安全审查通过' }).click();
  await page.getByText(`“${TITLE}”已通过安全审查，已转主管部门审核`).waitFor();
  assert.deepEqual(securityReviewer.errors, []);
  await securityReviewer.context.close();

  // 6. The authority's reviewer: the queue, the consistency report, 通过发布.
  const reviewer = await newSession();
  page = reviewer.page;
  await logIn(page, '13800000002');
  await page.goto('/admin');
  await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: '目录审核' }).click();
  main = page.getByRole('main');
  const queued = main.getByRole('row').filter({ hasText: TITLE });
  await queued.getByText('首次发布').waitFor();
  await queued.getByRole('button', { name: label('审核') }).click();
  await page.waitForURL(/\/admin\/review\/[0-9a-f-]{36}$/);
  await main.getByText('数据资源一致性审核').waitFor();
  const csvReview = main.locator('.review-resource').filter({ hasText: '停放点数据' }).first();
  await csvReview.getByText('1 行数据不符合数据项定义，已被拒绝').waitFor();
  await main.locator('.review-resource').filter({ hasText: '停放点数据（Excel）' }).getByText('一致', { exact: true }).waitFor();
  await main.getByRole('button', { name: '通过发布' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '通过发布' }).click();
  await page.getByText(`已审核通过“${TITLE}”`).waitFor();
  await page.waitForURL(/\/admin\/review$/);
  assert.deepEqual(reviewer.errors, []);
  await reviewer.context.close();

  // 7. A verified user: a Chinese search, the licence, the preview, the chart, the CSV.
  const user = await newSession();
  page = user.page;
  await logIn(page, '13800000006');
  await page.goto('/catalog');
  main = page.getByRole('main');
  await main.getByLabel('输入数据目录名称、摘要、数据项或开放主体进行检索').fill('共享单车停放点');
  await main.getByRole('button', { name: label('搜索') }).click();
  await page.waitForURL(/\/catalog\?q=/);
  await main.getByRole('link', { name: TITLE }).click();
  await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/);
  await main.getByRole('heading', { name: TITLE }).waitFor();

  await main.getByText('请阅读并同意数据开放授权许可使用协议').waitFor();
  await main.getByRole('button', { name: '阅读并同意协议' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('一、总则').waitFor();
  await dialog.getByRole('checkbox', { name: '我已阅读并同意上述协议' }).check();
  await dialog.getByRole('button', { name: '同意并继续' }).click();
  await page.getByText('已同意授权协议').waitFor();
  await main.getByText('请阅读并同意数据开放授权许可使用协议').waitFor({ state: 'detached' });

  const preview = main.locator('.preview');
  await preview.getByRole('cell', { name: 'P001', exact: true }).waitFor();
  await preview.getByRole('cell', { name: '断桥残雪东' }).waitFor();
  assert.equal(await preview.getByRole('cell', { name: 'P006', exact: true }).count(), 0);

  await main.getByRole('tab', { name: '统计分析' }).click();
  const chart = main.getByRole('img', { name: '“容量”的统计图' });
  await chart.locator('svg').waitFor();

  await main.getByRole('tab', { name: '数据下载' }).click();
  const csvLink = main.getByRole('link', { name: '下载 CSV（Excel 适用） 格式' });
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const href = await csvLink.getAttribute('href');
  const res = await user.context.request.get(href!);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /^text\/csv/);
  const body = (await res.body()).toString('utf8');
  assert.equal(body.charCodeAt(0), 0xfeff, 'CSV for Excel starts with a BOM');
  assert.equal(body.slice(1).split('\n')[0], FIELDS.map((f) => f.title).join(','), 'CSV for Excel is headed with the Chinese names');
  assert.match(body, /断桥残雪东/);
  assert.deepEqual(user.errors, []);
  await user.context.close();
});
