/**
 * export: CSV download of the 1M rows through the HTTP API, streamed to `curl`, against
 * `sqlite3 -csv` / `psql \copy … to stdout` of the same table, each client process writing
 * to /dev/null; peak memory of the server.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { publishedResource } from './fixture.js';
import { benchCsv, ENGINE, freshDatabase, median, OUR_SERVER, peakRssOf, round, startServer, stopServer } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function baseline(database: { dataDir: string; databaseUrl: string | undefined }, table: string): number {
  const started = performance.now();
  const res = database.databaseUrl
    ? spawnSync('psql', [database.databaseUrl, '-q', '-c', `\\copy (select * from "${table}") to stdout with (format csv, header)`], { stdio: ['ignore', 'ignore', 'inherit'] })
    : spawnSync('sqlite3', ['-csv', '-header', join(database.dataDir, 'shukai.db'), `select * from "${table}"`], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error('baseline export failed');
  return performance.now() - started;
}

/**
 * One download by `curl` into /dev/null, timed as a process as the baseline's client is: the
 * benchmark's own HTTP client (fetch's web streams) cost as much CPU as the server on two cores.
 */
function download(port: number, resourceId: string, auth: string): { ms: number; bytes: number } {
  const started = performance.now();
  const res = spawnSync('curl', ['-sS', '--fail', '-o', '/dev/null', '-w', '%{size_download}', '-H', `authorization: ${auth}`,
    `http://127.0.0.1:${port}/api/v1/resources/${resourceId}/download?format=csv`], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`download: curl exited with ${res.status}: ${res.stderr}`);
  return { ms: performance.now() - started, bytes: Number(res.stdout) };
}

export async function benchExport(): Promise<Record<string, unknown>> {
  const csv = await benchCsv();
  const database = await freshDatabase('export');
  const { resourceId, auth, table } = await publishedResource(database, csv);
  const server = await startServer(OUR_SERVER, { ...database.env, SHUKAI_DEMO: '0', SHUKAI_RUN_JOBS: '0' }, 39003, '/api/health');
  try {
    const ours: number[] = [], theirs: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      theirs.push(baseline(database, table.tableName));
      const d = download(39003, resourceId, auth);
      ours.push(d.ms);
      bytes = d.bytes;
    }
    const oursMs = median(ours), baselineMs = median(theirs);
    return {
      bench: 'export', engine: ENGINE, format: 'csv', ratio: round(baselineMs / oursMs), oursMs: round(oursMs, 0), baselineMs: round(baselineMs, 0),
      baseline: ENGINE === 'sqlite' ? 'sqlite3 -csv' : 'psql \\copy to stdout', bytes, serverPeakRssMb: peakRssOf(server.pid!), runs: RUNS,
      targets: { ratio: 0.8, peakRssMb: 200 },
    };
  } finally {
    await stopServer(server);
    await database.drop();
  }
}
