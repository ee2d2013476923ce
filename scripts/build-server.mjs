// Bundles the server (src/, without tests) into plain JavaScript in dist/, so that `npm start`
// and `npm run shukai` run on Node alone: no TypeScript loader thread, no source kept in memory
// (about 40 MB less resident memory than running through tsx). Three entry points, every built
// file flat in dist/ (src/project-root.ts relies on that): dist/main.js (the server),
// dist/shukai.js (the operator CLI) and dist/prepare-worker.js (the ingest's worker thread),
// with the code they share in chunks and what only some runs need (the S3 store, the blob copy)
// in chunks loaded when asked for. One bundle, not a file per module: Node's ES module loader
// pays per file, and the CLI started in 0.6 s from ~250 files of ours and Kysely's ~260
// (BENCHMARKS.md). Packages stay in node_modules, except Kysely, which is plain ES modules
// throughout. Type checking is `npm run typecheck`.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER_DIST = join(root, 'dist');
const ENTRY_POINTS = {
  main: 'src/main.ts',
  shukai: 'src/cli/shukai.ts',
  'prepare-worker': 'src/datastore/prepare-worker.ts',
};
/** Bundled in: a package of many small ES modules (Kysely alone is ~260 files). */
const BUNDLED_PACKAGES = new Set(['kysely']);

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
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: SERVER_DIST,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.has(name)),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    write: false,
  });
  for (const file of outputFiles) writeChanged(file.path, file.contents);
  // What an earlier build left: the file-per-module layout, and chunks no entry point loads now.
  const built = new Set(outputFiles.map((f) => basename(f.path)));
  for (const entry of readdirSync(SERVER_DIST, { withFileTypes: true })) {
    if (!built.has(entry.name) && !entry.name.endsWith('.part')) rmSync(join(SERVER_DIST, entry.name), { recursive: true, force: true });
  }
  return relative(root, SERVER_DIST);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildServer()}/`);
