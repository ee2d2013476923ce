import type { AppContext } from '../context.js';
import type { Role } from '../domain/roles.js';
import { DepartmentService } from '../modules/departments/service.js';
import { seedDemoCatalog } from './catalog-demo.js';
import { seedDemoApplication } from './demo-application.js';
import { seedDemoDatasets } from './demo-datasets.js';
import { AUTHORITY, PROVIDERS } from './departments.js';

/** Password of every demo account; printed in the README, never used outside the demo. */
export const DEMO_PASSWORD = 'Shukai@2026';

export const DEMO_ACCOUNTS: { phone: string; name: string; role: Role; department: 'authority' | 'transport' | null; verified?: boolean }[] = [
  { phone: '13800000001', name: '平台管理员', role: 'authority_admin', department: 'authority' },
  { phone: '13800000002', name: '主管部门审核员', role: 'authority_reviewer', department: 'authority' },
  { phone: '13800000003', name: '安全审计员', role: 'security_auditor', department: 'authority' },
  { phone: '13800000004', name: '交通局数据发布员', role: 'provider_publisher', department: 'transport' },
  { phone: '13800000005', name: '交通局数据审核员', role: 'provider_reviewer', department: 'transport' },
  { phone: '13800000006', name: '已认证用户', role: 'user', department: null, verified: true },
  { phone: '13800000007', name: '未认证用户', role: 'user', department: null },
  // 需求复核 is taken by a second reviewer of the data's department (二.3), never the one who took 需求审核.
  { phone: '13800000008', name: '交通局数据复核员', role: 'provider_reviewer', department: 'transport' },
];

/**
 * Seeds an empty database: the calendar, the authority and its provider departments, and,
 * unless SHUKAI_DEMO=0, one demo account per role, the Hangzhou demo catalog, a few data sets
 * with rows and one restricted-data application in progress. Each part is atomic and checks for itself,
 * so a start that was killed half-way completes the rest on the next start.
 */
export async function seedIfEmpty(ctx: AppContext): Promise<void> {
  if ((await ctx.calendar.coveredYears()).length === 0) await ctx.calendar.importPackaged();
  const departments = await ctx.departments.list();
  if (departments.length === 0) {
    await ctx.database.db.transaction().execute(async (trx) => {
      const inTransaction = new DepartmentService(trx);
      for (const department of [AUTHORITY, ...PROVIDERS]) await inTransaction.create(department);
    });
  }
  if (ctx.config.demo) {
    await seedDemoAccounts(ctx);
    await seedDemoCatalog(ctx);
    await seedDemoDatasets(ctx);
    await seedDemoApplication(ctx);
  }
}

async function seedDemoAccounts(ctx: AppContext): Promise<void> {
  const departments = await ctx.departments.list();
  const byKey = {
    authority: departments.find((d) => d.kind === 'authority')!.id,
    transport: departments.find((d) => d.name === '杭州市交通运输局')?.id ?? departments.find((d) => d.kind === 'provider')!.id,
  };
  for (const account of DEMO_ACCOUNTS) {
    if (await ctx.accounts.findIdByPhone(account.phone)) continue;
    const prepared = await ctx.accounts.prepare({ phone: account.phone, password: DEMO_PASSWORD, displayName: account.name });
    const id = await ctx.database.unitOfWork.run(async () => {
      const created = await ctx.accounts.register(prepared);
      await ctx.users.update(created, { roles: [account.role], departmentId: account.department ? byKey[account.department] : null });
      return created;
    });
    if (account.verified) {
      await ctx.verification.submit(id, { type: 'person', name: '张三', idNumber: '330106198506153212' }, {
        name: 'demo-seed', check: async () => ({ status: 'verified' }),
      });
    }
  }
}
