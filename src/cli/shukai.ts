import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createContext, type AppContext } from '../context.js';
import { parseAnchor, type AuditAnchor } from '../domain/audit-chain.js';
import { describeError } from '../domain/errors.js';
import { AUTHORITY_ROLES, isRole } from '../domain/roles.js';
import { seedIfEmpty } from '../seed/seed.js';
import { importCommand } from './import.js';

const USAGE = `用法 / usage: shukai <command>
  migrate                                   更新数据库结构
  seed                                      在空库中写入初始部门、日历与演示账号
  user create --phone P --password W [--role ROLE] [--department ID] [--name NAME]
                                            主管部门角色不指定部门时归属数据主管部门
  user reset-password --phone P --password W
  audit verify [--anchor SEQ:HASH ...]      校验审计日志哈希链及此前记下的链头（完好时退出码 0）
  calendar import [--year YYYY ...]         从内置国务院节假日安排导入工作日历
  import --file PATH --title T --department ID --open-type unconditional|restricted
         [--catalog ID] [--mode replace|append|upsert --key FIELD] [--strict] [--publish]
                                            批量迁移导入数据（主管部门操作，记入审计）
  search reindex                            重建目录检索索引
  blobs copy-to-s3                          将 DATA_DIR/blobs 中的文件复制到 S3_BUCKET（可重复执行，已有的跳过），
                                            之后设置 SHUKAI_BLOBS=s3 切换到对象存储`;

type Command = (ctx: AppContext, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  migrate: async () => {
    console.log('数据库已是最新结构 / schema is up to date');
    return 0;
  },
  seed: async (ctx) => {
    await seedIfEmpty(ctx);
    console.log('初始数据已就绪 / seed complete');
    return 0;
  },
  'user create': async (ctx, args) => {
    const { values } = parseArgs({ args, options: { phone: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true }, department: { type: 'string' }, name: { type: 'string' } } });
    if (!values.phone || !values.password) return usage();
    const roles = values.role ?? ['user'];
    if (!roles.every(isRole)) throw new Error(`unknown role: ${roles.join(', ')}`);
    // Authority staff belong to the one authority: the first administrator needs no id looked up.
    const departmentId = values.department ?? (roles.some((r) => AUTHORITY_ROLES.includes(r)) ? (await ctx.departments.authority())?.id ?? null : null);
    // Roles and department go through the same check as in the console, before anything is written.
    await ctx.users.assertRolesFitDepartment(roles, departmentId);
    const account = await ctx.accounts.prepare({ phone: values.phone, password: values.password, displayName: values.name });
    const id = await ctx.database.unitOfWork.run(async () => {
      const created = await ctx.accounts.register(account);
      await ctx.users.update(created, { roles, departmentId });
      await audit(ctx, 'user.create', created, { phone: values.phone, roles: (await ctx.users.get(created)).roles });
      return created;
    });
    const user = await ctx.users.get(id);
    console.log(JSON.stringify({ id, phone: user.phone, roles: user.roles, department: user.department?.name ?? null }));
    return 0;
  },
  'user reset-password': async (ctx, args) => {
    const { values } = parseArgs({ args, options: { phone: { type: 'string' }, password: { type: 'string' } } });
    if (!values.phone || !values.password) return usage();
    const id = await ctx.accounts.findIdByPhone(values.phone);
    if (!id) throw new Error(`no account with phone ${values.phone}`);
    await ctx.accounts.resetPassword(id, values.password);
    await audit(ctx, 'user.resetPassword', id);
    console.log('密码已重置，原有会话已失效 / password reset, sessions ended');
    return 0;
  },
  'audit verify': async (ctx, args) => {
    const { values } = parseArgs({ args, options: { anchor: { type: 'string', multiple: true } } });
    const anchors: AuditAnchor[] = [];
    for (const text of values.anchor ?? []) {
      const anchor = parseAnchor(text);
      if (!anchor) throw new Error(`not an anchor (SEQ:HASH): ${text}`);
      anchors.push(anchor);
    }
    const broken = await ctx.audit.verify(anchors);
    if (broken) {
      console.error(`审计日志被篡改 / audit chain broken at seq ${broken.seq} (${broken.reason})`);
      return 1;
    }
    const head = await ctx.audit.head();
    console.log(`审计日志完好 / audit chain intact (${ctx.config.auditHash})`);
    // Kept elsewhere, the head lets a later check notice the newest rows cut off or rewritten.
    if (head) console.log(`链头（请另行保存，下次以 --anchor 校验） / head (keep it elsewhere, check with --anchor): ${head.seq}:${head.hash}`);
    return 0;
  },
  import: importCommand,
  // The AWS SDK loads only for the command that needs it.
  'blobs copy-to-s3': async (ctx) => (await import('./copy-blobs.js')).copyBlobsToS3(ctx),
  'search reindex': async (ctx) => {
    const { indexed } = await ctx.search.reindexAll();
    await audit(ctx, 'search.reindex', null, { indexed });
    console.log(`已重建检索索引 / search index rebuilt: ${indexed}`);
    return 0;
  },
  'calendar import': async (ctx, args) => {
    const { values } = parseArgs({ args, options: { year: { type: 'string', multiple: true } } });
    const years = await ctx.calendar.importPackaged(values.year?.map(Number));
    await audit(ctx, 'calendar.import', null, { years });
    console.log(`已导入 / imported: ${years.join(', ') || '（无 / none）'}`);
    return 0;
  },
};

/** CLI actions are state changes too: they join the audit trail as the operator at the console. */
function audit(ctx: AppContext, action: string, target: string | null, detail?: unknown) {
  return ctx.audit.record({ actorId: null, action: `cli.${action}`, target, ip: 'cli', outcome: 'success', statusCode: 0, detail: detail ? JSON.stringify(detail) : null });
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const name = [`${argv[0]} ${argv[1]}`, argv[0]].find((n) => n && n in commands);
  if (!name) return usage();
  const ctx = await createContext(loadConfig());
  try {
    return await commands[name]!(ctx, argv.slice(name.split(' ').length));
  } catch (err) {
    console.error(`错误 / error: ${describeError(err)}`);
    return 1;
  } finally {
    await ctx.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
