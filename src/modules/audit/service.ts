import type { Database, DialectAdapter } from '../../db/adapter.js';
import type { AuditHash } from '../../config.js';
import { findChainBreak, GENESIS_HASH, hashEntry, type AuditAnchor, type AuditEntry, type ChainBreak } from '../../domain/audit-chain.js';
import type { AuditLogTable } from '../../db/schema.js';
import { maskPhone, maskPhonesIn } from '../../domain/identity.js';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  target?: string | null;
  ip: string;
  outcome: 'success' | 'failure';
  statusCode: number;
  detail?: string | null;
}

/** Appends to and checks the hash-chained audit log. Rows are never updated or deleted. */
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly adapter: DialectAdapter,
    private readonly algorithm: AuditHash,
  ) {}

  async record(rec: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.adapter.lockAuditChain(trx);
      const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const entry: AuditEntry = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actor_id: rec.actorId,
        action: rec.action,
        target: rec.target ?? null,
        ip: rec.ip,
        outcome: rec.outcome,
        status_code: rec.statusCode,
        detail: rec.detail ?? null,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await trx.insertInto('audit_log').values({ ...entry, outcome: rec.outcome, prev_hash: prevHash, hash: hashEntry(this.algorithm, prevHash, entry) }).execute();
    });
  }

  /**
   * Newest first. Each row names its actor as the auditor knows them (display name and masked
   * mobile number, read now, beside the recorded id), outside the hashed row; mobile numbers in
   * the detail (a login's account) are shown masked too.
   */
  async list(opts: { page: number; pageSize: number; action?: string | undefined; actorId?: string | undefined }) {
    let q = this.db.selectFrom('audit_log');
    if (opts.action) q = q.where('action', '=', opts.action);
    if (opts.actorId) q = q.where('actor_id', '=', opts.actorId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.leftJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log').select(['users.display_name as actor_name', 'users.phone as actor_phone'])
      .orderBy('audit_log.seq', 'desc').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute();
    const items = rows.map(({ actor_name, actor_phone, ...row }) => ({
      ...row, detail: row.detail && maskPhonesIn(row.detail), actor: actor_phone ? { name: actor_name ?? '', phone: maskPhone(actor_phone) } : null,
    }));
    return { total: Number(total), items };
  }

  /**
   * Null when every row fits the chain and every anchor is still in it; otherwise the first
   * row that does not fit, or the anchor that is gone ('truncated') or differs ('anchor').
   */
  async verify(anchors: AuditAnchor[] = []): Promise<ChainBreak | null> {
    const broken = await findChainBreak(this.algorithm, this.rowsInOrder());
    if (broken) return broken;
    for (const anchor of anchors) {
      const row = await this.db.selectFrom('audit_log').select('hash').where('seq', '=', anchor.seq).executeTakeFirst();
      if (!row) return { seq: anchor.seq, reason: 'truncated' };
      if (row.hash !== anchor.hash) return { seq: anchor.seq, reason: 'anchor' };
    }
    return null;
  }

  /** The newest row's seq and hash: the anchor to keep elsewhere. */
  async head(): Promise<AuditAnchor | null> {
    const row = await this.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  private async *rowsInOrder(): AsyncGenerator<AuditLogTable> {
    const pageSize = 1000;
    let after = 0;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
      for (const row of rows) yield { ...row, seq: Number(row.seq), status_code: Number(row.status_code) };
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
}
