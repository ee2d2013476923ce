import type { JobClaim } from './job-claim.js';
import { markRunning, nextDueJob } from './job-claim-shared.js';

/**
 * Several worker processes on one database: the row lock taken with SKIP LOCKED makes the others
 * pass over a job being taken and pick the next one instead of waiting or colliding.
 */
export const postgresJobClaim: JobClaim = {
  async claim(db, request) {
    return db.transaction().execute(async (trx) => {
      const next = await nextDueJob(trx, request).forUpdate().skipLocked().executeTakeFirst();
      if (!next) return null;
      return (await markRunning(trx, next.id, request)) ?? null;
    });
  },
};
