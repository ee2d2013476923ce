/**
 * query: filtered, sorted page requests against the 1M-row resource through the HTTP API
 * (API-key authentication, policy, validation, query compiler, counters) for 20 s with 32
 * connections, against a bare node:http server running the same SQL with the same driver.
 * Two runs: "repeated" asks the same two filters throughout (as users paging through one
 * view do; the API remembers their totals, the baseline counts every time), "fresh" moves the
 * date range on every request, so nothing is remembered. `ratio` is the fresh one.
 */
import autocannon from 'autocannon';
import { publishedResource } from './fixture.js';
import { freshRange, QUERY_VARIANTS, type Range } from './query-variants.js';
import { benchCsv, ENGINE, freshDatabase, median, OUR_SERVER, round, startServer, stopServer } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

/** A request path for shape i and a range; the same sequence of ranges for both servers. */
type PathOf = (i: number, range: Range) => string;

/**
 * `sequence` counts the fresh ranges a server has been asked, across rounds: no range comes
 * twice to our server (up to 18,000 requests), and both servers get the same sequence.
 */
async function load(port: number, pathOf: PathOf, sequence: { n: number } | null, headers: Record<string, string>) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: 32, duration: SECONDS, headers,
    requests: QUERY_VARIANTS.map((v, i) => ({
      method: 'GET' as const,
      setupRequest: (req: { path?: string }) => ({ ...req, path: pathOf(i, sequence ? freshRange(sequence.n++, v.days) : v.range) }),
    })),
  });
  if (result.non2xx > 0) throw new Error(`port ${port}: ${result.non2xx} non-2xx answers`);
  return { rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, errors: result.errors + result.timeouts };
}

export async function benchQuery(): Promise<Record<string, unknown>> {
  const csv = await benchCsv();
  const database = await freshDatabase('query');
  const { resourceId, auth, table } = await publishedResource(database, csv);
  const env = { ...database.env, SHUKAI_DEMO: '0', SHUKAI_RUN_JOBS: '0' };
  const ours = await startServer(OUR_SERVER, env, 39001, '/api/health');
  const bare = await startServer([process.execPath, '--import', 'tsx', 'bench/baseline-server.ts'],
    { ...env, BASELINE_TABLE: table.tableName, BASELINE_FIELDS: JSON.stringify(table.fields.map((f) => ({ name: f.name, column: f.column }))) }, 39002, '/health');
  try {
    const apiPath: PathOf = (i, r) => `/api/v1/resources/${resourceId}/records?${new URLSearchParams(QUERY_VARIANTS[i]!.api(r))}`;
    const barePath: PathOf = (i, r) => `/?${new URLSearchParams({ variant: String(i), ...r })}`;
    const measure = async (fresh: boolean) => {
      const oursRuns = [], bareRuns = [];
      const bareSequence = fresh ? { n: 0 } : null, oursSequence = fresh ? { n: 0 } : null;
      for (let round = 0; round < ROUNDS; round++) {
        bareRuns.push(await load(39002, barePath, bareSequence, {}));
        oursRuns.push(await load(39001, apiPath, oursSequence, { authorization: auth }));
      }
      const oursRps = median(oursRuns.map((r) => r.rps)), bareRps = median(bareRuns.map((r) => r.rps));
      return {
        ratio: round(oursRps / bareRps), oursRps: round(oursRps, 0), baselineRps: round(bareRps, 0),
        oursP50Ms: median(oursRuns.map((r) => r.p50)), oursP99Ms: median(oursRuns.map((r) => r.p99)), baselineP99Ms: median(bareRuns.map((r) => r.p99)),
        errors: [...oursRuns, ...bareRuns].reduce((n, r) => n + r.errors, 0),
      };
    };
    const fresh = await measure(true);
    const repeated = await measure(false);
    return {
      bench: 'query', engine: ENGINE, ratio: fresh.ratio, fresh, repeated,
      connections: 32, seconds: SECONDS, rounds: ROUNDS, variants: QUERY_VARIANTS.length, targets: { ratio: 0.8, p99Ms: 50 },
    };
  } finally {
    await stopServer(ours);
    await stopServer(bare);
    await database.drop();
  }
}
