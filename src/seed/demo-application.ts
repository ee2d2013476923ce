import type { AppContext } from '../context.js';
import { chinaDate } from '../domain/calendar.js';

/** The restricted demo data set the application is for (src/seed/demo-datasets.ts). */
const ENTRY_TITLE = '杭州市网约车驾驶员从业资格信息';
const APPLICANT_PHONE = '13800000006';
const FORMAL_REVIEWER_PHONE = '13800000002';

/**
 * One 受限开放 application in progress, so the flow can be seen at once: the demo's verified user
 * applied for four data items of the drivers' register, and the authority's reviewer passed its
 * 规范性审查; it waits for the transport bureau's 需求审核 (demo 13800000005), then 需求复核
 * (13800000008). Seeded once, through the same services as the API.
 */
export async function seedDemoApplication(ctx: AppContext): Promise<void> {
  if (await ctx.database.db.selectFrom('applications').select('id').limit(1).executeTakeFirst()) return;
  const entry = await ctx.database.db.selectFrom('catalog_entries').select('id').where('title', '=', ENTRY_TITLE).where('status', '=', 'published').executeTakeFirst();
  const [applicantId, reviewerId] = [await ctx.accounts.findIdByPhone(APPLICANT_PHONE), await ctx.accounts.findIdByPhone(FORMAL_REVIEWER_PHONE)];
  const applicant = applicantId && await ctx.accounts.loadActor(applicantId);
  const reviewer = reviewerId && await ctx.accounts.loadActor(reviewerId);
  if (!entry || !applicant || !reviewer) return;
  const today = chinaDate();
  const end = new Date(`${today}T00:00:00Z`);
  // Half a year, or the longest period the operator allows.
  end.setUTCDate(end.getUTCDate() + Math.min(180, ctx.config.applicationMaxPeriodDays) - 1);
  const pledge = await ctx.pledge.current();
  await ctx.database.unitOfWork.run(async () => {
    const { id } = await ctx.applications.create(applicant, entry.id, {
      fields: ['cert_no', 'qualification', 'company', 'status'],
      purpose: '网约车合规运营研究：分析持证驾驶员在各服务单位的分布与证件有效情况',
      scenario: '为出行平台合规管理提供持证率统计，结果以汇总形式发布，不涉及个人',
      periodStart: today, periodEnd: end.toISOString().slice(0, 10), delivery: 'api',
      expectedOutcome: '杭州网约车驾驶员持证情况分析报告',
      capability: {
        storage: '数据存储于境内云服务器，加密存储，访问需双因素认证',
        processing: '在隔离的分析环境中处理，仅输出汇总统计结果',
        protection: '信息系统已通过等保二级测评，配备专职安全管理人员，操作日志留存一年',
        capabilities: ['mlps_level2', 'security_policy', 'domestic_storage'],
      },
      pledgeVersion: pledge.version,
    }, false);
    await ctx.applications.decide(id, reviewer, { decision: 'approve', comment: '申请材料齐全，格式规范' });
  });
}
