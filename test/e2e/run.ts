/**
 * `npm run test:e2e`: seeds the demo once (test/e2e/server.ts, seedTemplate), runs every
 * browser test file under `node --test`, two at a time, each server starting from a copy of
 * that seed, then drops the seed. Exits with the test run's code.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { ensureWebBuilt, seedTemplate, TEMPLATE_ENV } from './server.js';

ensureWebBuilt();
const template = await seedTemplate();
let code: number | null;
try {
  const files = readdirSync('test/e2e').filter((f) => f.endsWith('.test.ts')).map((f) => `test/e2e/${f}`);
  const run = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, [TEMPLATE_ENV]: JSON.stringify({ dataDir: template.dataDir, databaseName: template.databaseName }) },
  });
  [code] = await once(run, 'exit') as [number | null];
} finally {
  await template.drop();
}
process.exit(code ?? 1);
