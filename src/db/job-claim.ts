import type { Database } from './adapter.js';
import type { JobTable } from './schema.js';

export interface ClaimRequest {
  kinds: string[];
  /** Only jobs due at or before this time. */
  now: string;
  /** Who takes the job (host:pid). */
  worker: string;
  /** Only this job, when given. */
  onlyId?: string;
}

/**
 * Takes the next due queued job and marks it running in this worker's name. Several workers may
 * ask at once; each job goes to exactly one of them.
 */
export interface JobClaim {
  claim(db: Database, request: ClaimRequest): Promise<JobTable | null>;
}
