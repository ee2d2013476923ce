import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/support/pdf.js';
import { sm3Hex } from './agreement-digest.js';
import { defaultFontCandidates, findAgreementFonts } from './agreement-font.js';
import { renderAgreementPdf, type AgreementPdfInput } from './agreement-pdf.js';
import { AGREEMENT_PLACEHOLDERS, DEFAULT_AGREEMENT_TEMPLATE, DEFAULT_AGREEMENT_TITLE, fillTemplate, templateProblems } from './agreement-template.js';

const VALUES: Record<string, string> = {
  applicant: '杭州数智出行科技有限公司',
  applicantType: '法人',
  department: '杭州市交通运输局',
  entryTitle: '杭州市公共自行车站点实时信息',
  fields: '站点编号、站点名称、经度、纬度、可借车辆数、可还车位数',
  purpose: '开发面向市民的公共自行车找车还车导航应用',
  scenario: '在移动应用中向用户展示附近站点及车辆情况',
  periodStart: '2026年3月1日',
  periodEnd: '2027年2月28日',
  delivery: '接口调用',
  authority: '杭州市数据资源管理局',
  applicationId: 'APP-2026-000123',
  date: '2026年2月20日',
};

const SIGNED: AgreementPdfInput = {
  title: DEFAULT_AGREEMENT_TITLE,
  body: fillTemplate(DEFAULT_AGREEMENT_TEMPLATE, VALUES),
  signatures: {
    applicant: { name: '杭州数智出行科技有限公司（经办人：李某某）', at: '2026-02-24T09:05:00Z' },
    department: { name: '杭州市交通运输局（经办人：王某）', at: '2026-02-25T02:30:00.000Z' },
  },
};

describe('agreement template', () => {
  it('uses only known placeholders, and every clause the rules require', () => {
    expect(templateProblems(DEFAULT_AGREEMENT_TEMPLATE)).toEqual([]);
    for (const name of AGREEMENT_PLACEHOLDERS) expect(DEFAULT_AGREEMENT_TEMPLATE).toContain(`{{${name}}}`);
    for (const clause of ['不得以任何方式将获取的数据提供给第三方', '注明数据来源', '3个月内', '回传', '销毁', '关闭乙方数据获取权限', '备案']) {
      expect(DEFAULT_AGREEMENT_TEMPLATE).toContain(clause);
    }
  });

  it('fills every placeholder with its value as given, on one line, and expands nothing twice', () => {
    const body = fillTemplate('乙方：{{applicant}}；目的：{{ purpose }}', {
      applicant: 'A&B <数据> 公司 {{department}}',
      purpose: '研究\n五、甲方放弃全部权利\r\n',
    });
    expect(body).toBe('乙方：A&B <数据> 公司 {{department}}；目的：研究 五、甲方放弃全部权利');
    expect(fillTemplate(DEFAULT_AGREEMENT_TEMPLATE, VALUES)).not.toMatch(/[{}]/);
  });

  it('lists unknown placeholders and unpaired braces, and refuses to fill them', () => {
    const typo = '乙方：{{applicant}}，目的：{{purpse}}，场景：{scenario}}，期限：{{periodEnd}，{{}}';
    expect(templateProblems(typo)).toEqual(['{{purpse}}', '{{}}', '{scenario}}', '{{periodEnd}']);
    expect(() => fillTemplate(typo, VALUES)).toThrow(/\{\{purpse\}\}/);
  });

  it('refuses to leave a placeholder without a value', () => {
    const values = { ...VALUES };
    delete values.scenario;
    expect(() => fillTemplate(DEFAULT_AGREEMENT_TEMPLATE, values)).toThrow(/scenario/);
  });
});

describe('agreement PDF', () => {
  it('is an A4 PDF whose Chinese text a PDF reader extracts, numbered 第 N 页 共 M 页', async () => {
    const pdf = await renderAgreementPdf(SIGNED, {});
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    // Only the glyphs used are embedded: the font file alone is 14 MB.
    expect(pdf.length).toBeLessThan(400_000);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);

    const { pages, info } = await readPdf(pdf);
    const text = pages.join('');
    expect(pages[0]).toMatch(/^公共数据开放利用协议/);
    for (const value of Object.values(VALUES)) expect(text).toContain(value);
    expect(text).toContain('乙方应当按照本协议的要求使用受限开放数据，不得以任何方式将获取的数据提供给第三方');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`));
    expect(info.Title).toBe('公共数据开放利用协议');
  });

  it('shows who signed and when in the signature block, and who has yet to sign', async () => {
    const signed = (await readPdf(await renderAgreementPdf(SIGNED, {}))).pages.join('');
    const block = signed.slice(signed.indexOf('签署栏'));
    expect(block).toContain('甲方（公共数据开放主体）签署：杭州市交通运输局（经办人：王某）签署时间：2026年2月25日 10:30（北京时间）');
    expect(block).toContain('乙方（公共数据利用主体）签署：杭州数智出行科技有限公司（经办人：李某某）签署时间：2026年2月24日 17:05（北京时间）');

    const halfSigned = await renderAgreementPdf({ ...SIGNED, signatures: { applicant: SIGNED.signatures?.applicant } }, {});
    const text = (await readPdf(halfSigned)).pages.join('');
    expect(text.slice(text.indexOf('签署栏'))).toContain('甲方（公共数据开放主体）签署：（待签署）签署时间：—');
  });

  it('gives the same bytes and SM3 for the same input, dated by the input rather than the clock', async () => {
    const first = await renderAgreementPdf(SIGNED, {});
    const second = await renderAgreementPdf(structuredClone(SIGNED), {});
    expect(second.equals(first)).toBe(true);
    expect(sm3Hex(second)).toBe(sm3Hex(first));
    expect((await readPdf(first)).info.CreationDate).toBe('D:20260225023000Z');

    const resigned = await renderAgreementPdf({ ...SIGNED, signatures: { ...SIGNED.signatures, applicant: { name: '杭州数智出行科技有限公司（经办人：李某某）', at: '2026-02-24T09:06:00Z' } } }, {});
    expect(sm3Hex(resigned)).not.toBe(sm3Hex(first));
    const dated = await renderAgreementPdf({ title: '测试', body: '正文', createdAt: '2026-01-02T03:04:05Z' }, {});
    expect((await readPdf(dated)).info.CreationDate).toBe('D:20260102030405Z');
  });

  it('refuses a time that is not an ISO 8601 instant with its offset, and a signature without a name', async () => {
    const signedAt = (at: string, name = '张三') => renderAgreementPdf({ title: '测试', body: '正文', signatures: { applicant: { name, at } } }, {});
    await expect(signedAt('2026年2月24日')).rejects.toThrow(/ISO 8601/);
    // Without an offset the time would be read in whatever timezone the server runs in.
    await expect(signedAt('2026-02-24T09:05:00')).rejects.toThrow(/ISO 8601/);
    await expect(signedAt('2026-02-24T17:05:00+08:00', ' ')).rejects.toThrow(/name/);
    const eastern = (await readPdf(await signedAt('2026-02-24T17:05:00+08:00'))).pages.join('');
    expect(eastern).toContain('签署时间：2026年2月24日 17:05（北京时间）');
  });

  it('takes its font from SHUKAI_PDF_FONT, and names what to install when there is none', async () => {
    const bundled = defaultFontCandidates()[0]?.regular.path ?? '';
    expect(bundled).toMatch(/NotoSerifSC_400Regular\.ttf$/);
    expect(findAgreementFonts({ SHUKAI_PDF_FONT: bundled })).toEqual({ regular: { path: bundled }, bold: { path: bundled } });
    const pdf = await renderAgreementPdf({ title: '协议', body: '正文' }, { SHUKAI_PDF_FONT: bundled });
    expect((await readPdf(pdf)).pages[0]).toContain('协议正文');

    await expect(renderAgreementPdf(SIGNED, { SHUKAI_PDF_FONT: '/nonexistent/font.ttf' })).rejects.toThrow(/SHUKAI_PDF_FONT.*\/nonexistent\/font\.ttf/);
    expect(() => findAgreementFonts({}, [{ regular: { path: '/nonexistent/font.ttc', face: 'X' } }])).toThrow(/npm install.*fonts-noto-cjk.*SHUKAI_PDF_FONT/);
  });
});

describe('SM3', () => {
  it('is the GB/T 32905 digest', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex(Buffer.from('abc'))).toBe(sm3Hex('abc'));
  });
});
