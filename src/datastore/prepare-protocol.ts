/** The messages between the loading thread and the prepare worker (structured-cloned). */
import type { ErrorCode } from '../domain/errors.js';
import type { LoadPlan } from './plan.js';
import type { PrepareSummary } from './prepare.js';
import type { ScanResult } from './scan.js';
import type { DbValue } from './values.js';

export type ToLoader =
  | { t: 'progress'; bytesRead: number; totalBytes: number }
  | { t: 'plan'; plan: LoadPlan; sourceColumns: string[]; scan: ScanResult }
  | { t: 'rows'; rows: DbValue[][] }
  | { t: 'done'; summary: PrepareSummary }
  | { t: 'error'; code: ErrorCode; field?: string; detail?: string }
  | { t: 'error'; message: string };

/** "ready": the plan or a rows batch has been handled; "stop": give up (failure or abort). */
export type ToWorker = { t: 'ready' } | { t: 'stop' };
