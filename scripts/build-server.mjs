// Transpiles the server (src/, without tests) to plain JavaScript in dist/, file for file, so
// that `npm start` and `npm run shukai` run on Node alone: no TypeScript loader thread, no
// source kept in memory (about 40 MB less resident memory than running through tsx), and the
// CLI starts in 0.6 s instead of 3–4. Type checking is `npm run typecheck`.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const SERVER_DIST = join(root, 'dist');

const isRuntimeSource = (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') && name !== 'testing.ts';

/**
 * Writes only files whose content changed, each through a temporary name and a rename: a
 * server or CLI already running from dist/ (or starting while another build runs, as the
 * test suites' CLI calls do) never reads a half-written or missing file.
 */
function writeChanged(path, contents) {
  if (existsSync(path) && readFileSync(path).equals(contents)) return;
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.part`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

export async function buildServer() {
  const entryPoints = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && isRuntimeSource(e.name))
    .map((e) => join(e.parentPath, e.name));
  const { outputFiles } = await build({ entryPoints, outdir: SERVER_DIST, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', write: false });
  for (const file of outputFiles) writeChanged(file.path, file.contents);
  // Data read at run time next to the code that reads it.
  const data = join(src, 'seed', 'data');
  for (const name of readdirSync(data)) writeChanged(join(SERVER_DIST, 'seed', 'data', name), readFileSync(join(data, name)));
  return relative(root, SERVER_DIST);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildServer()}/`);
