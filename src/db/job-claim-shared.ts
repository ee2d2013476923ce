import type { Database } from './adapter.js';
import type { ClaimRequest } from './job-claim.js';

/** The oldest due queued job among the asked kinds. */
export function nextDueJob(db: Database, { kinds, now, onlyId }: ClaimRequest) {
  let q = db.selectFrom('jobs').selectAll().where('status', '=', 'queued').where('kind', 'in', kinds).where('run_at', '<=', now);
  if (onlyId) q = q.where('id', '=', onlyId);
  return q.orderBy('run_at').orderBy('created_at').limit(1);
}

/** Marks a picked job running; only a job still queued is taken. */
export function markRunning(db: Database, id: string, { now, worker }: ClaimRequest) {
  return db.updateTable('jobs')
    .set((eb) => ({ status: 'running', started_at: now, heartbeat_at: now, locked_by: worker, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id).where('status', '=', 'queued')
    .returningAll().executeTakeFirst();
}
