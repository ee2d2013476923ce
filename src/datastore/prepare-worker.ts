/**
 * Worker-thread side of prepareRows: runs the file half of an ingest and posts what it
 * prepares to the thread that loads it. At most a few row batches are in flight: the worker
 * waits for the loader's "ready" before running further ahead.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { prepareRows, type PrepareInput, type PrepareSink } from './prepare.js';
import type { ToLoader, ToWorker } from './prepare-protocol.js';

/**
 * One batch being written and one waiting keep both threads busy; four raised the peak RSS of a
 * 1M-row SQLite ingest from ~270 MB to ~300 MB and made it no faster (BENCHMARKS.md).
 */
const MAX_IN_FLIGHT = 2;
const port = parentPort!;
const stop = new AbortController();
let inFlight = 0;
let wake: (() => void) | null = null;

port.on('message', (m: ToWorker) => {
  if (m.t === 'stop') stop.abort();
  else inFlight--;
  wake?.();
  wake = null;
});

const post = (m: ToLoader) => port.postMessage(m);

/** Until the loader has room for another message (or the ingest is stopped). */
async function room(limit: number): Promise<void> {
  while (inFlight >= limit) {
    stop.signal.throwIfAborted();
    await new Promise<void>((resolve) => { wake = resolve; });
  }
  stop.signal.throwIfAborted();
}

const sink: PrepareSink = {
  progress: (bytesRead, totalBytes) => post({ t: 'progress', bytesRead, totalBytes }),
  async plan(plan, sourceColumns, scan) {
    inFlight++;
    post({ t: 'plan', plan, sourceColumns, scan });
    await room(1); // the table must exist before the first rows arrive
  },
  async rows(rows) {
    await room(MAX_IN_FLIGHT);
    inFlight++;
    post({ t: 'rows', rows });
  },
};

try {
  const summary = await prepareRows(workerData as PrepareInput, sink, stop.signal);
  post({ t: 'done', summary });
} catch (err) {
  if (!stop.signal.aborted) {
    post(err instanceof AppError
      ? { t: 'error', code: err.code, field: err.field, detail: err.detail }
      : { t: 'error', message: (err as Error).message });
  }
} finally {
  port.close();
}
