// Transpiles the server (src/, without tests) to plain JavaScript in dist/, file for file, so
// that `npm start` runs on Node alone: no TypeScript loader thread, no source kept in memory
// (about 40 MB less resident memory than running through tsx). Type checking is `npm run typecheck`.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
export const SERVER_DIST = join(root, 'dist');

const isRuntimeSource = (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') && name !== 'testing.ts';

export async function buildServer() {
  const entryPoints = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && isRuntimeSource(e.name))
    .map((e) => join(e.parentPath, e.name));
  // Files are overwritten in place, never deleted first: a server already running from dist/
  // still finds its worker file.
  await build({ entryPoints, outdir: SERVER_DIST, outbase: src, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  // Data read at run time next to the code that reads it.
  cpSync(join(src, 'seed', 'data'), join(SERVER_DIST, 'seed', 'data'), { recursive: true });
  return relative(root, SERVER_DIST);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildServer()}/`);
