/**
 * `npm run bench -- ingest|query|search|export`: one benchmark on the engine DATABASE_URL
 * selects (SQLite when unset). Prints progress, then one JSON object as the last line.
 */
import { execFileSync } from 'node:child_process';
import { benchExport } from './export.js';
import { benchIngest } from './ingest.js';
import { benchQuery } from './query.js';
import { benchSearch } from './search.js';

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  ingest: benchIngest, query: benchQuery, search: benchSearch, export: benchExport,
};

const name = process.argv[2] ?? '';
const bench = benches[name];
if (!bench) {
  console.error(`usage: npm run bench -- ${Object.keys(benches).join('|')}`);
  process.exit(2);
}
// The servers under test run the built JavaScript, as `npm start` does.
execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
const machine = { cpus: (await import('node:os')).cpus().length, memoryGb: Math.round((await import('node:os')).totalmem() / 2 ** 30), node: process.version };
const result = await bench();
console.log(JSON.stringify({ ...result, machine }));
process.exit(0);
