import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/adapter.js';
import { AppError } from '../../domain/errors.js';
import { isValidCreditCode, isValidIdNumber, maskIdNumber, maskPhone } from '../../domain/identity.js';
import { isUniqueViolation } from '../../db/errors.js';
import { encrypt } from '../accounts/secrets.js';
import type { AccountService } from '../accounts/service.js';
import type { NotificationService } from '../notifications/service.js';
import type { WorkflowService } from '../workflow/service.js';
import { VERIFICATION } from '../../domain/workflows/index.js';
import type { Actor } from '../../domain/policy.js';

export type VerificationInput =
  | { type: 'person'; name: string; idNumber: string }
  | { type: 'organization'; name: string; creditCode: string; legalRepresentative: string };

export type VerificationOutcome = { status: 'pending' } | { status: 'verified' } | { status: 'rejected'; reason: string };

/**
 * Confirms that an identity is real once its checksums pass. The default queues the request
 * for the authority; an identity provider can confirm it at once.
 */
export interface IdentityVerifier {
  readonly name: string;
  check(input: VerificationInput): Promise<VerificationOutcome>;
}

export const manualVerifier: IdentityVerifier = {
  name: 'manual',
  check: async () => ({ status: 'pending' }),
};

/** 实名认证: the gate to any data access. */
export class VerificationService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountService,
    private readonly workflow: WorkflowService,
    private readonly notifications: NotificationService,
    private readonly verifier: IdentityVerifier,
    private readonly secretKey: Buffer,
  ) {}

  async submit(userId: string, input: VerificationInput, verifier = this.verifier): Promise<VerificationOutcome> {
    const normalized = normalize(input);
    const user = await this.db.selectFrom('users').select('verification_status').where('id', '=', userId).executeTakeFirstOrThrow();
    if (user.verification_status === 'verified') throw new AppError('ALREADY_VERIFIED');
    if (user.verification_status === 'pending') throw new AppError('VERIFICATION_PENDING');
    const outcome = await verifier.check(normalized);
    const now = new Date().toISOString();
    const requestId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('verification_requests').values({
        id: requestId,
        user_id: userId,
        type: normalized.type,
        name: normalized.name,
        id_number_masked: normalized.type === 'person' ? maskIdNumber(normalized.idNumber) : null,
        id_number_cipher: normalized.type === 'person' ? encrypt(this.secretKey, normalized.idNumber) : null,
        credit_code: normalized.type === 'organization' ? normalized.creditCode : null,
        legal_representative: normalized.type === 'organization' ? normalized.legalRepresentative : null,
        status: outcome.status,
        verifier: verifier.name,
        reason: outcome.status === 'rejected' ? outcome.reason : null,
        decided_by: null,
        decided_at: outcome.status === 'pending' ? null : now,
        created_at: now,
      }).execute().catch((err: unknown) => {
        // The database keeps one open request per account: a parallel submission lost the race.
        if (outcome.status === 'pending' && isUniqueViolation(err)) throw new AppError('VERIFICATION_PENDING');
        throw err;
      });
      await this.accounts.recordVerification(userId, {
        status: outcome.status, type: normalized.type, realName: outcome.status === 'verified' ? normalized.name : null,
      });
      // A request an identity provider settled at once is nobody's work; the rest wait for the authority.
      if (outcome.status === 'pending') {
        await this.workflow.open(VERIFICATION, { subjectId: requestId, title: `实名认证：${maskName(normalized.name)}`, applicantId: userId, departmentId: null });
      }
    });
    return outcome;
  }

  /** The latest request of a user, for their own page. */
  /** The account's latest request; while it waits, with the working day it is to be decided by. */
  async latestOf(userId: string) {
    const row = await this.db.selectFrom('verification_requests').selectAll().where('user_id', '=', userId)
      .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    if (!row) return null;
    const kase = row.status === 'pending' ? await this.workflow.latestCaseOf(VERIFICATION, row.id) : undefined;
    return { ...toView(row), dueAt: kase ? this.workflow.view(kase).dueAt : null };
  }

  async get(id: string) {
    const row = await this.db.selectFrom('verification_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return toView(row);
  }

  async list(opts: { status?: string | undefined; page: number; pageSize: number }) {
    let q = this.db.selectFrom('verification_requests').innerJoin('users', 'users.id', 'verification_requests.user_id');
    if (opts.status) q = q.where('verification_requests.status', '=', opts.status as 'pending');
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll('verification_requests').select('users.phone')
      .orderBy('verification_requests.created_at', 'asc').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    // Reviewers need to tell applicants apart, not to call them: the number is masked.
    const items = await Promise.all(rows.map(async (r) => {
      const kase = await this.workflow.latestCaseOf(VERIFICATION, r.id);
      const deadline = kase ? this.workflow.view(kase) : null;
      return { ...toView(r), phone: maskPhone(r.phone), dueAt: deadline?.dueAt ?? null, overdue: deadline?.overdue ?? false };
    }));
    return { total: Number(total), items };
  }

  /** The authority's decision, as a step of the request's case (VERIFICATION): its loser gets 409. */
  async decide(id: string, reviewer: Actor, approve: boolean, reason: string | undefined) {
    const request = await this.get(id);
    const kase = await this.workflow.openCaseOf(VERIFICATION, id);
    if (request.status !== 'pending' || !kase) throw new AppError('ALREADY_DECIDED');
    try {
      await this.workflow.act(VERIFICATION, kase, approve ? 'approve' : 'reject', reviewer, { reason });
    } catch (err) {
      // The engine's CONFLICT is, for this request, the code its API has always answered.
      if (err instanceof AppError && err.code === 'CONFLICT') throw new AppError('ALREADY_DECIDED');
      throw err;
    }
    const status = approve ? 'verified' : 'rejected';
    await this.db.transaction().execute(async (trx) => {
      // The status guard makes a second, concurrent decision a no-op instead of an overwrite.
      const res = await trx.updateTable('verification_requests')
        .set({ status, reason: reason?.trim() || null, decided_by: reviewer.kind === 'account' ? reviewer.id : null, decided_at: new Date().toISOString() })
        .where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new AppError('ALREADY_DECIDED');
      await this.accounts.recordVerification(request.userId, { status, realName: approve ? request.name : null }, { whilePending: true });
    });
    await this.notifications.notify({
      to: request.userId, kind: 'verification.decided', params: { approved: approve, reason: reason?.trim() || null }, link: VERIFICATION.pageFor('applicant', id),
    });
    return this.get(id);
  }

  /** The request's case as its reviewers read it: due date, timeline, and what the caller may do. */
  async review(id: string, actor: Actor) {
    const kase = await this.workflow.latestCaseOf(VERIFICATION, id);
    if (!kase) return null;
    return { ...this.workflow.view(kase), abilities: this.workflow.abilities(VERIFICATION, kase, actor) };
  }
}

/** 张三 → 张*: the to-do list names whose request it is without spelling out a real name. */
function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

function normalize(input: VerificationInput): VerificationInput {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError('VALIDATION_FAILED', 'name', '请填写真实姓名或单位名称');
  if (input.type === 'person') {
    const idNumber = input.idNumber.trim().toUpperCase();
    if (!isValidIdNumber(idNumber)) throw new AppError('INVALID_ID_NUMBER', 'idNumber');
    return { type: 'person', name, idNumber };
  }
  const creditCode = input.creditCode.trim().toUpperCase();
  if (!isValidCreditCode(creditCode)) throw new AppError('INVALID_CREDIT_CODE', 'creditCode');
  const legalRepresentative = input.legalRepresentative.trim();
  if (!legalRepresentative) throw new AppError('VALIDATION_FAILED', 'legalRepresentative', '请填写法定代表人');
  return { type: 'organization', name, creditCode, legalRepresentative };
}

type RequestRow = {
  id: string; user_id: string; type: string; name: string; id_number_masked: string | null; credit_code: string | null;
  legal_representative: string | null; status: string; verifier: string; reason: string | null;
  decided_by: string | null; decided_at: string | null; created_at: string;
};

/** The ID number leaves the service masked only; the cipher stays in the table. */
function toView(r: RequestRow) {
  return {
    id: r.id,
    userId: r.user_id,
    type: r.type,
    name: r.name,
    idNumberMasked: r.id_number_masked,
    creditCode: r.credit_code,
    legalRepresentative: r.legal_representative,
    status: r.status,
    verifier: r.verifier,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
  };
}
