/**
 * `npm run bench -- ingest|query|search|export|scale [--entries N]`: one benchmark on the
 * engine DATABASE_URL selects (SQLite when unset). Prints progress, then one JSON object as
 * the last line. `--entries` sets the catalog size of `search` (20,000 by default).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { benchExport } from './export.js';
import { benchIngest } from './ingest.js';
import { benchQuery } from './query.js';
import { benchScale } from './scale.js';
import { benchSearch } from './search.js';

export interface BenchOptions { entries?: number | undefined }

const benches: Record<string, (opts: BenchOptions) => Promise<Record<string, unknown>>> = {
  ingest: benchIngest, query: benchQuery, search: benchSearch, export: benchExport, scale: benchScale,
};

const { positionals, values } = parseArgs({ allowPositionals: true, options: { entries: { type: 'string' } } });
const name = positionals[0] ?? '';
const bench = benches[name];
if (!bench) {
  console.error(`usage: npm run bench -- ${Object.keys(benches).join('|')}`);
  process.exit(2);
}
// The servers under test run the built JavaScript, as `npm start` does.
execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
const machine = { cpus: (await import('node:os')).cpus().length, memoryGb: Math.round((await import('node:os')).totalmem() / 2 ** 30), node: process.version };
const result = await bench({ entries: values.entries ? Number(values.entries) : undefined });
console.log(JSON.stringify({ ...result, machine }));
process.exit(0);
