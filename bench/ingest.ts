/**
 * ingest: the generated 1M-row CSV through the full ingest path (type checking, rejects,
 * profile, indexes, version commit), against `sqlite3 .import` / `psql \copy` of the same file.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchContext, ingestOnce, prepareUpload } from './fixture.js';
import { benchCsv, ENGINE, freshDatabase, median, round, rssSampler } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const res = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`${command} failed`);
  return performance.now() - started;
}

/** The engine's own bulk loader into a plain text table, run by its own command-line tool. */
function baseline(csv: string, dataDir: string, databaseUrl: string | undefined, run: number): number {
  if (!databaseUrl) return timed('sqlite3', [join(dataDir, `baseline-${run}.db`), '-cmd', '.mode csv', `.import ${csv} people`]);
  const table = `baseline_${run}`;
  spawnSync('psql', [databaseUrl, '-q', '-c', `create table ${table} (${Array.from({ length: 10 }, (_, i) => `c${i} text`).join(', ')})`], { stdio: 'inherit' });
  return timed('psql', [databaseUrl, '-q', '-c', `\\copy ${table} from '${csv}' with (format csv, header)`]);
}

export async function benchIngest(): Promise<Record<string, unknown>> {
  const csv = await benchCsv();
  const database = await freshDatabase('ingest');
  const ctx = await benchContext(database);
  try {
    const { resourceId, blobKey } = await prepareUpload(ctx, csv);
    const memory = rssSampler();
    const ours: number[] = [], theirs: number[] = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      theirs.push(baseline(csv, database.dataDir, database.databaseUrl, run));
      const started = performance.now();
      rows = (await ingestOnce(ctx, resourceId, blobKey)).rows;
      ours.push(performance.now() - started);
    }
    const peakRssMb = memory.stop();
    const oursMs = median(ours), baselineMs = median(theirs);
    return {
      bench: 'ingest', engine: ENGINE, rows, ratio: round(baselineMs / oursMs), oursMs: round(oursMs, 0), baselineMs: round(baselineMs, 0),
      baseline: ENGINE === 'sqlite' ? 'sqlite3 .import' : 'psql \\copy', runs: RUNS, oursAllMs: ours.map((n) => round(n, 0)), baselineAllMs: theirs.map((n) => round(n, 0)),
      peakRssMb, targets: { ratio: 0.7, peakRssMb: 300 },
    };
  } finally {
    await ctx.close();
    await database.drop();
  }
}
