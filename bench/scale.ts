/**
 * scale: the query benchmark's request mixes through one API process and through two, on one
 * PostgreSQL database, with a separate worker process (the API processes run no jobs,
 * SHUKAI_RUN_JOBS=0). The load generator spreads its connections round-robin over the API
 * processes. Where the limit lies is measured, not guessed: CPU seconds of each process (our
 * API processes, the worker, this load generator, the database's backends) from /proc over
 * each run, the machine's idle share, and how many backends pg_stat_activity shows working.
 * PostgreSQL only: SQLite is one process's database.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { publishedResource } from './fixture.js';
import { freshRange, QUERY_VARIANTS } from './query-variants.js';
import { benchCsv, ENGINE, freshDatabase, median, OUR_SERVER, round, startServer, stopServer } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 32;
const WORKER_PORT = 39010;
const API_PORTS = [39011, 39012];
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time a process has used so far (user + system), in seconds; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The whole machine's busy and total CPU time so far, in ticks (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - cpu[4]!, total }; // idle and iowait are not busy
}

interface Processes { api: number[]; worker: number; backends: () => Promise<number[]> }

/**
 * One load of `seconds` over these API ports: the fresh query mix (no total asked twice) when
 * `sequence` is given, else the repeated one (the same two filters; each process remembers
 * their totals). Returns requests/s and where the CPU went, as cores used on average.
 */
async function load(ports: number[], auth: string, resourceId: string, sequence: { n: number } | null, procs: Processes, admin: pg.Client, database: string) {
  const backends = await procs.backends();
  const watched = { api: procs.api.slice(0, ports.length), worker: [procs.worker], loadGenerator: [process.pid] };
  const cpuBefore = new Map([...watched.api, ...watched.worker, ...watched.loadGenerator].map((p) => [p, cpuSeconds(p)]));
  const machineBefore = machineTicks();
  const backendsBefore = new Map(backends.map((p) => [p, cpuSeconds(p)]));
  // How many of the database's backends are working at a moment, sampled every 50 ms.
  const activeSamples: number[] = [];
  let sampling = false;
  const sampler = setInterval(() => {
    if (sampling) return; // one sample at a time on the one connection
    sampling = true;
    admin.query<{ n: string }>("select count(*) as n from pg_stat_activity where datname = $1 and state = 'active'", [database])
      .then((r) => activeSamples.push(Number(r.rows[0]!.n)), () => undefined).finally(() => { sampling = false; });
  }, 50);
  const started = performance.now();
  const result = await autocannon({
    // An array of URLs: autocannon deals the connections out round-robin (its types say string only).
    url: ports.map((p) => `http://127.0.0.1:${p}`) as unknown as string, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: auth },
    requests: QUERY_VARIANTS.map((v, i) => ({
      method: 'GET' as const,
      setupRequest: (req: { path?: string }) => {
        const n = sequence ? sequence.n++ : 0;
        // Past 18,000 starting days the ranges grow by a day, so none is ever asked twice.
        const range = sequence ? freshRange(n, v.days + Math.floor(n / 18_000)) : v.range;
        return { ...req, path: `/api/v1/resources/${resourceId}/records?${new URLSearchParams(QUERY_VARIANTS[i]!.api(range))}` };
      },
    })),
  });
  clearInterval(sampler);
  const elapsed = (performance.now() - started) / 1000;
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers`);
  const machine = machineTicks();
  // Backends that appeared during the run (a pool growing) count from zero.
  const backendCpu = (await procs.backends()).reduce((s, p) => s + cpuSeconds(p) - (backendsBefore.get(p) ?? 0), 0);
  const used = (pid: number) => cpuSeconds(pid) - cpuBefore.get(pid)!;
  const cores = (key: keyof typeof watched) => round(watched[key].reduce((s, p) => s + used(p), 0) / elapsed);
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts,
    // Cores used on average: 1.0 is one core busy the whole run.
    cores: {
      apiEach: watched.api.map((p) => round(used(p) / elapsed)),
      api: cores('api'), worker: cores('worker'), loadGenerator: cores('loadGenerator'), database: round(backendCpu / elapsed),
      machineBusy: round(((machine.busy - machineBefore.busy) / (machine.total - machineBefore.total)) * cpus().length),
    },
    activeBackendsMean: round(activeSamples.reduce((a, b) => a + b, 0) / Math.max(activeSamples.length, 1)),
  };
}

export async function benchScale(): Promise<Record<string, unknown>> {
  if (ENGINE !== 'postgres') throw new Error('scale runs on PostgreSQL: set DATABASE_URL');
  const csv = await benchCsv();
  const database = await freshDatabase('scale');
  const { resourceId, auth } = await publishedResource(database, csv);
  const env = { ...database.env, SHUKAI_DEMO: '0' };
  const worker = await startServer(OUR_SERVER, env, WORKER_PORT, '/api/health');
  const apis = [];
  for (const port of API_PORTS) apis.push(await startServer(OUR_SERVER, { ...env, SHUKAI_RUN_JOBS: '0' }, port, '/api/health'));
  const dbName = new URL(database.databaseUrl!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const procs: Processes = {
      api: apis.map((a) => a.pid!), worker: worker.pid!,
      backends: async () => (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName])).rows.map((r) => r.pid),
    };
    type Run = Awaited<ReturnType<typeof load>>;
    const summary = (runs: Run[]) => ({
      rps: round(median(runs.map((x) => x.rps)), 0), p50Ms: median(runs.map((x) => x.p50)), p99Ms: median(runs.map((x) => x.p99)),
      errors: runs.reduce((n, x) => n + x.errors, 0), runs: runs.map((x) => ({ rps: round(x.rps, 0), cores: x.cores, activeBackendsMean: x.activeBackendsMean })),
    });
    const measure = async (fresh: boolean) => {
      const sequence = fresh ? { n: 0 } : null;
      const one: Run[] = [], two: Run[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        one.push(await load(API_PORTS.slice(0, 1), auth, resourceId, sequence, procs, admin, dbName));
        two.push(await load(API_PORTS, auth, resourceId, sequence, procs, admin, dbName));
      }
      const oneApi = summary(one), twoApis = summary(two);
      return { ratio: round(twoApis.rps / oneApi.rps), oneApi, twoApis };
    };
    // Fresh filters: every request counts its total in the database. Repeated: the API answers
    // totals from memory, so its own event loop carries more of each request.
    const fresh = await measure(true);
    const repeated = await measure(false);
    return {
      bench: 'scale', engine: ENGINE, ratio: fresh.ratio, fresh, repeated, cores: cpus().length,
      connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, targets: { ratio: 1.3 },
    };
  } finally {
    await admin.end();
    for (const a of apis) await stopServer(a);
    await stopServer(worker);
    await database.drop();
  }
}
