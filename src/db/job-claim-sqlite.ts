import type { JobClaim } from './job-claim.js';
import { markRunning, nextDueJob } from './job-claim-shared.js';

/**
 * SQLite has one writer at a time: pick, then take it only if still queued (another process on
 * the same file may have taken it in between, then look again).
 */
export const sqliteJobClaim: JobClaim = {
  async claim(db, request) {
    for (;;) {
      const next = await nextDueJob(db, request).executeTakeFirst();
      if (!next) return null;
      const taken = await markRunning(db, next.id, request);
      if (taken) return taken;
    }
  },
};
