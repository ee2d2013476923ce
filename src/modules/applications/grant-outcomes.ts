import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import type { Database, KeyLock } from '../../db/adapter.js';
import type { GrantReturnTable, GrantTable } from '../../db/schema.js';
import { outcomeReminderOn } from '../../domain/application.js';
import { AppError } from '../../domain/errors.js';
import { can, type Actor, type PolicyResource } from '../../domain/policy.js';
import type { BlobStore } from '../blobs/store.js';
import type { NotificationService } from '../notifications/service.js';
import { sniffContentType } from '../resources/sniff.js';

type GrantRow = Selectable<GrantTable>;

/** Outcomes, and returned files, one grant takes at most. */
const MAX_REPORTS = 50;
export type ReturnRow = Selectable<GrantReturnTable>;

/**
 * 五.4 on a grant: the outcomes its holder registers (due within three months of the start,
 * reminded a month before, reported to the department and the authority once overdue), and the
 * business data they return (回传), which the data's department lists and downloads.
 */
export class GrantOutcomeService {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly notifications: NotificationService,
    private readonly maxReturnBytes: number,
    private readonly lockKey: KeyLock,
  ) {}

  /** An outcome with a link to it, or a file returned on the grant that documents it (五.4: 成果的链接或文件). */
  async register(grantId: string, actor: Actor, outcome: { title: string; description: string; link?: string | undefined; fileId?: string | undefined }): Promise<{ id: string }> {
    const grant = await this.grantFor(grantId, actor, 'grant.report');
    await this.lockKey(this.db, `grant-reports:${grant.id}`);
    await this.assertReportable(grant, 'grant_outcomes');
    const title = outcome.title.trim(), description = outcome.description.trim();
    if (!title) throw new AppError('VALIDATION_FAILED', 'title', '请填写成果名称');
    if (!description) throw new AppError('VALIDATION_FAILED', 'description', '请填写成果简介');
    const link = outcome.link?.trim() || null;
    if (link && !/^https?:\/\//i.test(link)) throw new AppError('VALIDATION_FAILED', 'link', '成果链接须以 http:// 或 https:// 开头');
    const fileId = outcome.fileId ?? null;
    if (fileId && !(await this.db.selectFrom('grant_returns').select('id').where('id', '=', fileId).where('grant_id', '=', grant.id).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', 'fileId', '所选文件不是本授权下回传的文件');
    }
    const id = randomUUID();
    await this.db.insertInto('grant_outcomes').values({ id, grant_id: grant.id, title, description, link, file_id: fileId, created_at: new Date().toISOString() }).execute();
    return { id };
  }

  /** The outcomes and returned files of a grant, for its holder, its department and the authority. */
  async list(grantId: string, actor: Actor) {
    const grant = await this.grantFor(grantId, actor, 'grant.read');
    const outcomes = await this.db.selectFrom('grant_outcomes').selectAll().where('grant_id', '=', grant.id).orderBy('created_at').execute();
    const returns = await this.db.selectFrom('grant_returns').selectAll().where('grant_id', '=', grant.id).orderBy('uploaded_at').execute();
    return {
      outcomeDueOn: grant.outcome_due_on,
      outcomes: outcomes.map((o) => ({ id: o.id, title: o.title, description: o.description, link: o.link, fileId: o.file_id, createdAt: o.created_at })),
      returns: returns.map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, size: Number(r.size), uploadedAt: r.uploaded_at })),
    };
  }

  /** Receives returned data into the blob store, outside any transaction; refused, nothing stays behind. */
  async receiveReturn(grantId: string, actor: Actor, file: Readable, fileName: string) {
    const grant = await this.grantFor(grantId, actor, 'grant.report');
    try {
      await this.assertReportable(grant, 'grant_returns');
    } catch (err) {
      file.resume();
      throw err;
    }
    const extension = (/\.[a-z0-9]{1,8}$/i.exec(fileName)?.[0] ?? '').toLowerCase();
    const { key, size } = await this.blobs.put(file, this.maxReturnBytes, extension);
    try {
      return { grantId: grant.id, key, size, fileName: fileName.slice(0, 200), contentType: await sniffContentType(this.blobs, { key, size }, fileName) };
    } catch (err) {
      await this.blobs.remove(key);
      throw err;
    }
  }

  async recordReturn(received: { grantId: string; key: string; size: number; fileName: string; contentType: string }): Promise<{ id: string }> {
    // Checked again, in line: returns received side by side all passed the first check.
    await this.lockKey(this.db, `grant-reports:${received.grantId}`);
    const grant = await this.db.selectFrom('grants').selectAll().where('id', '=', received.grantId).executeTakeFirstOrThrow();
    await this.assertReportable(grant, 'grant_returns');
    const id = randomUUID();
    await this.db.insertInto('grant_returns').values({
      id, grant_id: received.grantId, blob_key: received.key, file_name: received.fileName, content_type: received.contentType,
      size: received.size, uploaded_at: new Date().toISOString(),
    }).execute();
    return { id };
  }

  async dropReturn(received: { key: string }): Promise<void> {
    await this.blobs.remove(received.key);
  }

  async openReturn(grantId: string, fileId: string, actor: Actor): Promise<{ row: ReturnRow; stream: Readable }> {
    const grant = await this.grantFor(grantId, actor, 'grant.read');
    const row = await this.db.selectFrom('grant_returns').selectAll().where('grant_id', '=', grant.id).where('id', '=', fileId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return { row, stream: await this.blobs.read(row.blob_key) };
  }

  /**
   * The daily outcome notices (五.4), each claimed once by a guarded update in the same
   * transaction as the notices: a month before the due date, the holder of a grant with no
   * outcome yet is reminded; past it, the holder, the data's department and the authority hear
   * it is overdue. A revoked grant owes nothing more.
   */
  async sendOutcomeNotices(today: string): Promise<{ reminded: number; overdue: number }> {
    const owing = this.db.selectFrom('grants').selectAll().where('revoked_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('grant_outcomes').select('grant_outcomes.id').whereRef('grant_outcomes.grant_id', '=', 'grants.id'))));
    const candidates = await owing.where('outcome_reminded_at', 'is', null).where('outcome_due_on', '>=', today).execute();
    let reminded = 0, overdue = 0;
    for (const grant of candidates.filter((g) => outcomeReminderOn(g.outcome_due_on) <= today)) {
      if (!(await this.claim(grant, 'outcome_reminded_at'))) continue;
      reminded++;
      await this.notifications.notify({ to: grant.grantee_id, kind: 'outcome.due', params: { title: await this.titleOf(grant), dueAt: grant.outcome_due_on }, link: '/user/grants' });
    }
    for (const grant of await owing.where('outcome_overdue_noticed_at', 'is', null).where('outcome_due_on', '<', today).execute()) {
      if (!(await this.claim(grant, 'outcome_overdue_noticed_at'))) continue;
      overdue++;
      const params = { title: await this.titleOf(grant), dueAt: grant.outcome_due_on };
      await this.notifications.notify({ to: grant.grantee_id, kind: 'outcome.overdue', params, link: '/user/grants' });
      await this.notifications.notify({ to: { may: 'grant.revoke', facts: { departmentId: grant.department_id }, department: grant.department_id }, kind: 'outcome.overdue', params, link: '/admin/grants' });
      await this.notifications.notify({ to: { may: 'workflow.supervise', facts: {} }, kind: 'outcome.overdue', params, link: '/admin/grants' });
    }
    return { reminded, overdue };
  }

  /** A revoked grant takes no more reports; a grant takes at most MAX_REPORTS of each kind, so nobody fills the disk through one. */
  private async assertReportable(grant: GrantRow, table: 'grant_outcomes' | 'grant_returns'): Promise<void> {
    if (grant.revoked_at) throw new AppError('INVALID_TRANSITION', undefined, '该授权已撤销，不再受理成果登记和数据回传');
    const { n } = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('grant_id', '=', grant.id).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_REPORTS) throw new AppError('RATE_LIMITED', undefined, `每项授权最多登记或回传 ${MAX_REPORTS} 项`);
  }

  private async claim(grant: GrantRow, marker: 'outcome_reminded_at' | 'outcome_overdue_noticed_at'): Promise<boolean> {
    const res = await this.db.updateTable('grants').set({ [marker]: new Date().toISOString() }).where('id', '=', grant.id).where(marker, 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private async titleOf(grant: GrantRow): Promise<string> {
    const entry = await this.db.selectFrom('catalog_entries').select('title').where('id', '=', grant.entry_id).executeTakeFirst();
    return entry?.title ?? '';
  }

  private async grantFor(grantId: string, actor: Actor, action: 'grant.read' | 'grant.report'): Promise<GrantRow> {
    const row = await this.db.selectFrom('grants').selectAll().where('id', '=', grantId).executeTakeFirst();
    const facts: PolicyResource = { ownerId: row?.grantee_id ?? null, departmentId: row?.department_id ?? null };
    if (!row || !can(actor, 'grant.read', facts)) throw new AppError('NOT_FOUND');
    if (!can(actor, action, facts)) throw new AppError('FORBIDDEN');
    return row;
  }
}
