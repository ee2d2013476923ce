/**
 * ingest: the generated 1M-row CSV through the full ingest path (type checking, rejects,
 * profile, indexes, consistency review, version commit) as an operator runs it: the built
 * `shukai import` (dist/shukai.js, plain Node as in production) into an entry with
 * declared 数据项, timed from process start to exit, against `sqlite3 .import` / `psql \copy`
 * of the same file, also timed as processes (`ratio`), and against those loaders followed by the
 * same declared indexes and statistics (`sameWorkRatio`, the target).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchContext, DECLARED_FIELDS, prepareUpload } from './fixture.js';
import { CSV_HEADER } from './generate-csv.js';
import { benchCsv, ENGINE, freshDatabase, median, round, type BenchDatabase } from './support.js';

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
  createTextTable(databaseUrl, table);
  return timed('psql', [databaseUrl, '-q', '-c', `\\copy ${table} from '${csv}' with (format csv, header)`]);
}

/** The 数据项 the benchmark declares filterable, which an ingest indexes: 性别 and 出生日期. */
const INDEXED = DECLARED_FIELDS.flatMap((f, i) => (f.filterable ? [{ name: f.name, column: i }] : []));

/**
 * The same work as ours in the engine's own tool: the raw loader, then the declared indexes
 * built as ours are (PostgreSQL: collate "C", nulls first) and the planner's statistics
 * (SQLite ANALYZE; PostgreSQL VACUUM ANALYZE, which also sets the visibility map as ours does).
 */
function sameWorkBaseline(csv: string, dataDir: string, databaseUrl: string | undefined, run: number): number {
  if (!databaseUrl) {
    const indexes = INDEXED.map((f) => ['-cmd', `create index people_${f.column} on people ("${f.name}")`]).flat();
    return timed('sqlite3', [join(dataDir, `same-work-${run}.db`), '-cmd', '.mode csv', '-cmd', `.import ${csv} people`, ...indexes, 'analyze']);
  }
  const table = `same_work_${run}`;
  createTextTable(databaseUrl, table);
  const indexes = INDEXED.map((f) => ['-c', `create index ${table}_${f.column} on ${table} (c${f.column} nulls first)`]).flat();
  return timed('psql', [databaseUrl, '-q', '-c', `\\copy ${table} from '${csv}' with (format csv, header)`, ...indexes, '-c', `vacuum (analyze) ${table}`]);
}

function createTextTable(databaseUrl: string, table: string): void {
  const columns = CSV_HEADER.map((_, i) => `c${i} text collate "C"`).join(', ');
  const res = spawnSync('psql', [databaseUrl, '-q', '-c', `create table ${table} (${columns})`], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error('psql create table failed');
}

/** Resident memory of a running process (Linux), in bytes; 0 once it is gone. */
function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.replace(/\D/g, '') ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** One `shukai import` of the file as a new version of the entry: wall time and peak RSS. */
async function importOnce(database: BenchDatabase, catalogId: string, csv: string): Promise<{ ms: number; rows: number; peakRss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/shukai.js', 'import', '--catalog', catalogId, '--file', csv], {
    env: { ...process.env, ...database.env, SHUKAI_DEMO: '0', SHUKAI_KEEP_VERSIONS: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssOf(child.pid!)); }, 10);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`shukai import exited with ${code}`);
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { rows: number };
  return { ms, rows: result.rows, peakRss };
}

export async function benchIngest(): Promise<Record<string, unknown>> {
  const csv = await benchCsv();
  const database = await freshDatabase('ingest');
  try {
    const ctx = await benchContext(database);
    const { catalogId } = await prepareUpload(ctx, csv);
    await ctx.close();
    const ours: number[] = [], theirs: number[] = [], sameWork: number[] = [];
    let rows = 0, peakRss = 0;
    for (let run = 0; run < RUNS; run++) {
      theirs.push(baseline(csv, database.dataDir, database.databaseUrl, run));
      sameWork.push(sameWorkBaseline(csv, database.dataDir, database.databaseUrl, run));
      const r = await importOnce(database, catalogId, csv);
      ours.push(r.ms);
      rows = r.rows;
      peakRss = Math.max(peakRss, r.peakRss);
    }
    const oursMs = median(ours), baselineMs = median(theirs), sameWorkMs = median(sameWork);
    return {
      bench: 'ingest', engine: ENGINE, rows,
      // Against a baseline doing the same work (load, declared indexes, statistics): the target.
      sameWorkRatio: round(sameWorkMs / oursMs),
      // Against the raw loader alone, as before.
      ratio: round(baselineMs / oursMs), oursMs: round(oursMs, 0), sameWorkMs: round(sameWorkMs, 0), baselineMs: round(baselineMs, 0),
      ours: 'shukai import (dist)', runs: RUNS,
      baseline: ENGINE === 'sqlite' ? 'sqlite3 .import' : 'psql \\copy',
      sameWork: ENGINE === 'sqlite' ? 'sqlite3 .import + create index ×2 + analyze' : 'psql \\copy + create index ×2 + vacuum analyze',
      oursAllMs: ours.map((n) => round(n, 0)), baselineAllMs: theirs.map((n) => round(n, 0)), sameWorkAllMs: sameWork.map((n) => round(n, 0)),
      peakRssMb: round(peakRss / 1048576, 0), targets: { sameWorkRatio: 0.7, peakRssMb: 300 },
    };
  } finally {
    await database.drop();
  }
}
