/**
 * Runs the file half of an ingest (prepare.ts) either in this thread or, for big files, in a
 * worker thread, so that parsing, conversion and profiling use one core while this thread's
 * database writes use the other. The sink sees the same calls either way.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { AppError } from '../domain/errors.js';
import { PROJECT_ROOT } from '../project-root.js';
import { prepareRows, type PrepareInput, type PrepareSink, type PrepareSummary } from './prepare.js';
import type { ToLoader, ToWorker } from './prepare-protocol.js';

/** Below this a worker's start-up (60 ms built, 0.3 s from source) costs more than it saves. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

// Built (dist/prepare-worker.js) the worker is plain JavaScript; from source it needs the TypeScript loader.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? 'src/datastore/prepare-worker.mjs' : 'dist/prepare-worker.js', PROJECT_ROOT);
/**
 * Parsing makes short-lived garbage at a high rate: a roomy young generation keeps it from
 * being promoted (the speed/memory balance measured in BENCHMARKS.md).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 };

export function prepare(input: PrepareInput, sink: PrepareSink, opts: { inWorker: boolean; signal?: AbortSignal }): Promise<PrepareSummary> {
  return opts.inWorker ? prepareInWorker(input, sink, opts.signal) : prepareRows(input, sink, opts.signal);
}

async function prepareInWorker(input: PrepareInput, sink: PrepareSink, signal?: AbortSignal): Promise<PrepareSummary> {
  signal?.throwIfAborted();
  const worker = new Worker(WORKER_URL, { workerData: input, resourceLimits: WORKER_LIMITS });
  const exited = once(worker, 'exit');
  const send = (m: ToWorker) => worker.postMessage(m);
  let handled: Promise<void> = Promise.resolve();
  let settled = false;
  const summary = new Promise<PrepareSummary>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      send({ t: 'stop' });
      reject(err);
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('error', fail);
    worker.on('exit', () => {
      signal?.removeEventListener('abort', onAbort);
      // Its last messages are still being handled: an exit after 'done' is the normal end.
      handled = handled.then(() => fail(new AppError('INTERNAL', undefined, '数据解析线程意外退出')));
    });
    // Messages are handled one after another, in order: the plan's table exists before rows load.
    worker.on('message', (m: ToLoader) => {
      handled = handled.then(async () => {
        if (settled) return;
        switch (m.t) {
          case 'progress': sink.progress(m.bytesRead, m.totalBytes); return;
          case 'plan': await sink.plan(m.plan, m.sourceColumns, m.scan); send({ t: 'ready' }); return;
          case 'rows': await sink.rows(m.rows); send({ t: 'ready' }); return;
          case 'done': settled = true; resolve(m.summary); return;
          case 'error': fail('code' in m ? new AppError(m.code, m.field, m.detail) : new Error(m.message));
        }
      }).catch(fail);
    });
  });
  try {
    return await summary;
  } finally {
    // The worker closes its rejects file itself when stopped; a stuck one is cut off.
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
