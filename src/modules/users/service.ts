import type { Transaction } from 'kysely';
import type { AccountLock, Database } from '../../db/adapter.js';
import type { DB } from '../../db/schema.js';
import { contains } from '../../db/contains.js';
import { AppError } from '../../domain/errors.js';
import type { AccountService } from '../accounts/service.js';
import { AUTHORITY_ROLES, CREDIT_LEVELS, PROVIDER_ROLES, ROLE_LABELS, conflictingRoles, isRole, type Role } from '../../domain/roles.js';

export interface UserView {
  id: string;
  phone: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  creditLevel: string;
  status: string;
  department: { id: string; name: string } | null;
  verification: { status: string; type: string | null; realName: string | null };
  createdAt: string;
}

export interface UserPatch {
  roles?: string[] | undefined;
  departmentId?: string | null | undefined;
  creditLevel?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/** Reading accounts, and the authority's management of roles, departments and credit levels. */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountService,
    private readonly lockAccount: AccountLock,
  ) {}

  private baseQuery() {
    return this.db.selectFrom('users').leftJoin('departments', 'departments.id', 'users.department_id').select([
      'users.id', 'users.phone', 'users.email', 'users.display_name', 'users.credit_level', 'users.status',
      'users.verification_status', 'users.verification_type', 'users.real_name', 'users.created_at',
      'departments.id as department_id', 'departments.name as department_name',
    ]);
  }

  async get(id: string): Promise<UserView> {
    const row = await this.baseQuery().where('users.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.withRoles([row]))[0]!;
  }

  async list(opts: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number }) {
    let q = this.baseQuery();
    if (opts.q) {
      const text = opts.q;
      q = q.where((eb) => eb.or(['users.phone', 'users.display_name', 'users.real_name'].map((c) => contains(c, text))));
    }
    if (opts.role) {
      q = q.where('users.id', 'in', this.db.selectFrom('user_roles').select('user_id').where('role', '=', opts.role));
    }
    const { total } = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.orderBy('users.created_at', 'desc').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    return { total: Number(total), items: await this.withRoles(rows) };
  }

  /**
   * What the policy decides a change to an account on: whose it is, and every role it holds now
   * or would hold after the change (making an administrator is managing one).
   */
  async policyFacts(id: string, patch: UserPatch) {
    const current = await this.get(id);
    return { ownerId: id, roles: [...new Set([...current.roles, ...(patch.roles ?? []).filter(isRole)])] };
  }

  async update(id: string, patch: UserPatch): Promise<UserView> {
    await this.db.transaction().execute(async (trx) => {
      // The account's row first: a change racing this one, and any command the account is running, waits or is waited for.
      await this.lockAccount(trx, id, 'exclusive');
      await this.applyUpdate(id, patch, trx);
    });
    return this.get(id);
  }

  private async applyUpdate(id: string, patch: UserPatch, trx: Transaction<DB>): Promise<void> {
    const current = await this.get(id);
    const roles = patch.roles ? [...new Set(['user', ...patch.roles])] : current.roles;
    if (!roles.every(isRole)) throw new AppError('VALIDATION_FAILED', 'roles');
    const conflict = conflictingRoles(roles);
    if (conflict) throw new AppError('ROLES_CONFLICT', 'roles', `${ROLE_LABELS[conflict[0]].zh}与${ROLE_LABELS[conflict[1]].zh}须由不同人员担任`);
    if (patch.creditLevel !== undefined && !(CREDIT_LEVELS as readonly string[]).includes(patch.creditLevel)) {
      throw new AppError('VALIDATION_FAILED', 'creditLevel');
    }
    const departmentId = patch.departmentId !== undefined ? patch.departmentId : current.department?.id ?? null;
    await this.assertRolesFitDepartment(roles, departmentId);
    await trx.updateTable('users').set({
      department_id: departmentId,
      ...(patch.creditLevel ? { credit_level: patch.creditLevel } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      updated_at: new Date().toISOString(),
    }).where('id', '=', id).execute();
    if (patch.roles) {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: id, role }))).execute();
    }
    // A disabled account, or one whose roles changed, signs in again with what it now holds.
    if (patch.status === 'disabled' || patch.roles) await this.accounts.endSessions(id);
  }

  /** Provider staff belong to a provider department; authority staff to the authority. */
  async assertRolesFitDepartment(roles: Role[], departmentId: string | null): Promise<void> {
    const department = departmentId
      ? await this.db.selectFrom('departments').select('kind').where('id', '=', departmentId).executeTakeFirst()
      : undefined;
    if (departmentId && !department) throw new AppError('VALIDATION_FAILED', 'departmentId', '部门不存在');
    if (roles.some((r) => PROVIDER_ROLES.includes(r)) && department?.kind !== 'provider') {
      throw new AppError('VALIDATION_FAILED', 'departmentId', '开放主体角色须绑定一个开放主体部门');
    }
    if (roles.some((r) => AUTHORITY_ROLES.includes(r)) && department?.kind !== 'authority') {
      throw new AppError('VALIDATION_FAILED', 'departmentId', '主管部门角色须绑定数据主管部门');
    }
  }

  private async withRoles(rows: Awaited<ReturnType<ReturnType<UserService['baseQuery']>['execute']>>): Promise<UserView[]> {
    const ids = rows.map((r) => r.id);
    const roleRows = ids.length ? await this.db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute() : [];
    return rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      email: r.email,
      displayName: r.display_name,
      roles: roleRows.filter((x) => x.user_id === r.id).map((x) => x.role).filter(isRole),
      creditLevel: r.credit_level,
      status: r.status,
      department: r.department_id ? { id: r.department_id, name: r.department_name! } : null,
      verification: { status: r.verification_status, type: r.verification_type, realName: r.real_name },
      createdAt: r.created_at,
    }));
  }
}
